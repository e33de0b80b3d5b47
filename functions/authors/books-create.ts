import { addBookToAuthor, BookRoutes } from '#lib/books/index.ts';
import { httpHandler } from '#lib/http/index.ts';
import { idempotent } from '#lib/idempotency/index.ts';

/** POST /authors/{id}/books → 201; the book insert and bookCount increment share a transaction. */
export const handler = httpHandler(
  BookRoutes.addToAuthor,
  (input) => addBookToAuthor(input, input.params.id, input.body),
  { idempotency: idempotent },
);
