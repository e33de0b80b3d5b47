import { AuthorRoutes, createAuthor } from '#lib/authors/index.ts';
import { httpHandler } from '#lib/http/index.ts';
import { idempotent } from '#lib/idempotency/index.ts';

/** POST /authors {name, bio?, born?} → 201 with Location. */
export const handler = httpHandler(
  AuthorRoutes.create,
  (input) => createAuthor(input, input.body),
  { idempotency: idempotent },
);
