import { httpHandler } from '#lib/http/index.ts';
import { UserRoutes, updateUser } from '#lib/users/index.ts';

/** PATCH /users/{id} {name?, email?} → 200 with the updated user. */
export const handler = httpHandler(UserRoutes.update, (input) =>
  updateUser(input, input.params.id, input.body),
);
