import { BookRoutes, getBook } from '#lib/books/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** GET /books/{id} → 200, 404 when absent; `?fields=` selects fields. */
export const handler = httpHandler(BookRoutes.get, (input) =>
  getBook(input, input.params.id, input.query.fields),
);
