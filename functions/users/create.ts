import { httpHandler } from '#lib/http/index.ts';
import { CreateUserBody, createUser } from '#lib/users/index.ts';

/** POST /users {name, email?} → 201 with Location and the created user. */
export const handler = httpHandler({ body: CreateUserBody }, ({ db, budget, body }) =>
  createUser({ db, budget }, body),
);
