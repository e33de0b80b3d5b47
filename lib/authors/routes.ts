import type { ObjectId } from 'mongodb';
import type * as z from 'zod/mini';
import { Books } from '#lib/books/model.ts';
import { ApiError } from '#lib/http/errors.ts';
import { noContent, type RouteResponse } from '#lib/http/response.ts';
import {
  documentGet,
  type RequestContext,
  taggedJson,
  writeConditionsOf,
} from '#lib/model/conditional-requests.ts';
import { type ModelContext, withTransaction } from '#lib/model/index.ts';
import { patchChanges } from '#lib/model/patch-changes.ts';
import { createdResponse, pageResponse } from '#lib/model/route-responses.ts';
import { transactionalPut } from '#lib/model/transactional-put.ts';
import {
  AuthorList,
  type CreateAuthorBody,
  type ListAuthorsQuery,
  type UpdateAuthorBody,
} from './api.ts';
import { withBooksFound } from './book-count.ts';
import { Authors } from './model.ts';

export async function createAuthor(
  ctx: ModelContext,
  body: z.output<typeof CreateAuthorBody>,
): Promise<RouteResponse> {
  return createdResponse('/authors', await Authors.bind(ctx).insert(body));
}

export async function listAuthors(
  ctx: ModelContext,
  query: z.output<typeof ListAuthorsQuery>,
  path: string,
): Promise<RouteResponse> {
  const page = await AuthorList.page(Authors.bind(ctx), query);
  const kept = AuthorList.links(query);
  if (query.withBookCount !== 'true') return pageResponse(path, page, kept);
  return pageResponse(path, page, kept, await withBooksFound(ctx, page.items));
}

/** The author's name as their books embed it (in the caller's transaction). */
const renameInBooks = (tx: ModelContext, authorId: ObjectId, name: string) =>
  Books.bind(tx).updateMany({ authorId }, { set: { author: { name } } });

/** GET one author: 404, 304, or the author (`?fields=` of it) with its ETag. */
export const getAuthor = documentGet(Authors);

/**
 * A rename also rewrites the name embedded in the author's books, in the same transaction, so
 * listings never show a half-renamed author.
 */
export async function updateAuthor(
  ctx: RequestContext,
  id: ObjectId,
  body: z.output<typeof UpdateAuthorBody>,
): Promise<RouteResponse> {
  const precondition = writeConditionsOf(ctx.event);
  const author = await withTransaction(ctx, async (tx) => {
    const updated = await Authors.bind(tx).updateOr404(id, patchChanges(body), precondition);
    if (body.name !== undefined) await renameInBooks(tx, id, updated.name);
    return updated;
  });
  return taggedJson(200, author);
}

/**
 * PUT: replaces the author (200; `bookCount` is the server's and stays) or creates it under the
 * path's id (201). The name embedded in their books follows in the same transaction.
 */
export async function replaceAuthor(
  ctx: RequestContext,
  id: ObjectId,
  body: z.output<typeof CreateAuthorBody>,
): Promise<RouteResponse> {
  return transactionalPut(ctx, '/authors', async (tx, options) => {
    const replaced = await Authors.bind(tx).put(id, body, options);
    if (!replaced.created) await renameInBooks(tx, id, replaced.doc.name);
    return replaced;
  });
}

/** Only an author without books can go (their books reference them). */
export async function deleteAuthor(ctx: RequestContext, id: ObjectId): Promise<RouteResponse> {
  const authors = Authors.bind(ctx);
  if (await authors.delete({ _id: id, bookCount: 0 }, writeConditionsOf(ctx.event)))
    return noContent();
  await authors.getOr404(id);
  throw new ApiError(409, 'The author still has books; delete them first', {
    type: 'author-has-books',
  });
}
