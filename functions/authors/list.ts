import { AuthorRoutes, listAuthors } from '#lib/authors/index.ts';
import { compression, httpHandler } from '#lib/http/index.ts';

/** GET /authors?page=&perPage= | ?cursor=&limit= [&withBookCount=true] → 200 page + Link. */
export const handler = httpHandler(
  AuthorRoutes.list,
  (input) => listAuthors(input, input.query, input.event.rawPath),
  { compression },
);
