import { BookRoutes, listBooks } from '#lib/books/index.ts';
import { compression, httpHandler } from '#lib/http/index.ts';

/** GET /books[?year=&q=&sort=] with page or keyset pagination → 200 page + Link. */
export const handler = httpHandler(
  BookRoutes.list,
  (input) => listBooks(input, input.query, input.event.rawPath),
  { compression },
);
