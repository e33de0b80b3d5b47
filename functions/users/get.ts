import { httpHandler } from '#lib/http/index.ts';
import { getUser, UserIdParams } from '#lib/users/index.ts';

/** GET /users/{id} → 200 with the user, 400 for a malformed id, 404 when absent. */
export const handler = httpHandler({ params: UserIdParams }, ({ db, budget, params }) =>
  getUser({ db, budget }, params.id),
);
