import { BookRoutes, updateBook } from '#lib/books/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** PATCH /books/{id} → 200 ($set, $unset for null, $push for addTag/addEdition). */
export const handler = httpHandler(BookRoutes.update, (input) =>
  updateBook(input, input.params.id, input.body),
);
