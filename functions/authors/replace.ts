import { AuthorRoutes, replaceAuthor } from '#lib/authors/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** PUT /authors/{id} {name, bio?, born?} → 200 with the replaced author, or 201 when created. */
export const handler = httpHandler(AuthorRoutes.replace, (input) =>
  replaceAuthor(input, input.params.id, input.body),
);
