import { BookRoutes, deleteBook } from '#lib/books/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** DELETE /books/{id} → 204 (transaction with the author's bookCount). */
export const handler = httpHandler(BookRoutes.delete, (input) =>
  deleteBook(input, input.params.id),
);
