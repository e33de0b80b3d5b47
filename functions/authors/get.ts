import { AuthorRoutes, getAuthor } from '#lib/authors/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** GET /authors/{id} → 200, 404 when absent; `?fields=` selects fields. */
export const handler = httpHandler(AuthorRoutes.get, (input) =>
  getAuthor(input, input.params.id, input.query.fields),
);
