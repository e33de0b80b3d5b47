import { httpHandler } from '#lib/http/index.ts';
import { idempotent } from '#lib/idempotency/index.ts';
import { createUser, UserRoutes } from '#lib/users/index.ts';

/** POST /users {name, email?} → 201 with Location and the created user. */
export const handler = httpHandler(UserRoutes.create, (input) => createUser(input, input.body), {
  idempotency: idempotent,
});
