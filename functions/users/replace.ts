import { httpHandler } from '#lib/http/index.ts';
import { replaceUser, UserRoutes } from '#lib/users/index.ts';

/** PUT /users/{id} {name, email?} → 200 with the replaced user, or 201 when it created it. */
export const handler = httpHandler(UserRoutes.replace, (input) =>
  replaceUser(input, input.params.id, input.body),
);
