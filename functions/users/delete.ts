import { httpHandler } from '#lib/http/index.ts';
import { deleteUser, UserRoutes } from '#lib/users/index.ts';

/** DELETE /users/{id} → 204, or 404 when absent. */
export const handler = httpHandler(UserRoutes.delete, (input) =>
  deleteUser(input, input.params.id),
);
