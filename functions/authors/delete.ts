import { AuthorRoutes, deleteAuthor } from '#lib/authors/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** DELETE /authors/{id} → 204; 409 while the author has books. */
export const handler = httpHandler(AuthorRoutes.delete, (input) =>
  deleteAuthor(input, input.params.id),
);
