import { httpHandler } from '#lib/http/index.ts';
import { ListUsersQuery, listUsers } from '#lib/users/index.ts';

/** GET /users?page=&perPage= → 200 {items, page, perPage, total} with a Link header. */
export const handler = httpHandler({ query: ListUsersQuery }, ({ db, budget, query, event }) =>
  listUsers({ db, budget }, query, event.rawPath),
);
