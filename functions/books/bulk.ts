import { BookRoutes, bulkCreateBooks } from '#lib/books/index.ts';
import { httpHandler } from '#lib/http/index.ts';
import { idempotent } from '#lib/idempotency/index.ts';

/** POST /books/bulk {books: [...], ordered?} → 200 with a status per item. */
export const handler = httpHandler(BookRoutes.bulk, (input) => bulkCreateBooks(input, input.body), {
  idempotency: idempotent,
});
