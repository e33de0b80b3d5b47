import { BookRoutes, replaceBook } from '#lib/books/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** PUT /books/{id} {title, year, authorId, …} → 200 with the replaced book, or 201 when created. */
export const handler = httpHandler(BookRoutes.replace, (input) =>
  replaceBook(input, input.params.id, input.body),
);
