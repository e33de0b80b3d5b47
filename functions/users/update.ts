import { httpHandler } from '#lib/http/index.ts';
import { UpdateUserBody, UserIdParams, updateUser } from '#lib/users/index.ts';

/** PATCH /users/{id} {name?, email?} → 200 with the updated user. */
export const handler = httpHandler(
  { params: UserIdParams, body: UpdateUserBody },
  ({ db, budget, params, body }) => updateUser({ db, budget }, params.id, body),
);
