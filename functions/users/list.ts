import { httpHandler } from '#lib/http/index.ts';
import { listUsers, UserRoutes } from '#lib/users/index.ts';

/** GET /users?page=&perPage= or ?cursor=&limit= → 200 page with a Link header. */
export const handler = httpHandler(UserRoutes.list, (input) =>
  listUsers(input, input.query, input.event.rawPath),
);
