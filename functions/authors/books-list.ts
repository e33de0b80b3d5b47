import { BookRoutes, listAuthorBooks } from '#lib/books/index.ts';
import { compression, httpHandler } from '#lib/http/index.ts';

/** GET /authors/{id}/books → 200 page of the author's books (404: no such author). */
export const handler = httpHandler(
  BookRoutes.ofAuthor,
  (input) => listAuthorBooks(input, input.params.id, input.query, input.event.rawPath),
  { compression },
);
