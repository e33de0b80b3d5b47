import { AuthorRoutes, updateAuthor } from '#lib/authors/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** PATCH /authors/{id} {name?, bio?, born?} → 200 with the updated author. */
export const handler = httpHandler(AuthorRoutes.update, (input) =>
  updateAuthor(input, input.params.id, input.body),
);
