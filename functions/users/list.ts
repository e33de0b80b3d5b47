import { compression, httpHandler } from '#lib/http/index.ts';
import { listUsers, UserRoutes } from '#lib/users/index.ts';

/** GET /users?page=&perPage= or ?cursor=&limit= [&sort=] → 200 page + Link, compressed if asked. */
export const handler = httpHandler(
  UserRoutes.list,
  (input) => listUsers(input, input.query, input.event.rawPath),
  { compression },
);
