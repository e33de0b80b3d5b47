import { BookRoutes, createBook } from '#lib/books/index.ts';
import { httpHandler } from '#lib/http/index.ts';
import { idempotent } from '#lib/idempotency/index.ts';

/** POST /books {title, year, authorId, ...} → 201 (transaction with the author's bookCount). */
export const handler = httpHandler(BookRoutes.create, (input) => createBook(input, input.body), {
  idempotency: idempotent,
});
