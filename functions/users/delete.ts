import { httpHandler } from '#lib/http/index.ts';
import { deleteUser, UserIdParams } from '#lib/users/index.ts';

/** DELETE /users/{id} → 204, or 404 when absent. */
export const handler = httpHandler({ params: UserIdParams }, ({ db, budget, params }) =>
  deleteUser({ db, budget }, params.id),
);
