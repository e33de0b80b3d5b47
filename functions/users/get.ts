import { httpHandler } from '#lib/http/index.ts';
import { getUser, UserRoutes } from '#lib/users/index.ts';

/** GET /users/{id} → 200 with the user, 400 for a malformed id, 404 when absent; `?fields=` selects fields. */
export const handler = httpHandler(UserRoutes.get, (input) =>
  getUser(input, input.params.id, input.query.fields),
);
