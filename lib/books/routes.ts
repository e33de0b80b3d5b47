import type { ObjectId } from 'mongodb';
import type * as z from 'zod/mini';
import { Authors } from '#lib/authors/model.ts';
import { ApiError } from '#lib/http/errors.ts';
import { noContent, type RouteResponse } from '#lib/http/response.ts';
import {
  documentGet,
  type RequestContext,
  taggedJson,
  writeConditionsOf,
} from '#lib/model/conditional-requests.ts';
import {
  keptParams,
  type ModelContext,
  paginateRequest,
  withTransaction,
} from '#lib/model/index.ts';
import { patchChanges } from '#lib/model/patch-changes.ts';
import { createdResponse, pageResponse } from '#lib/model/route-responses.ts';
import { transactionalPut } from '#lib/model/transactional-put.ts';
import { BookList, type CreateBookBody, type ListBooksQuery, type UpdateBookBody } from './api.ts';
import type { AuthorBookBody, AuthorBooksQuery } from './author-books-api.ts';
import { Books } from './model.ts';

/** Inserts the book and increments its author's bookCount in one transaction (404: no author). */
export async function addBookToAuthor(
  ctx: ModelContext,
  authorId: ObjectId,
  body: z.output<typeof AuthorBookBody>,
): Promise<RouteResponse> {
  const book = await withTransaction(ctx, async (tx) => {
    const author = await Authors.bind(tx).updateOr404(authorId, { inc: { bookCount: 1 } });
    return Books.bind(tx).insert({ ...body, authorId, author: { name: author.name } });
  });
  return createdResponse('/books', book);
}

/** The body's `authorId` names no author: a 422 pointing at it. */
const noSuchAuthor = (cause?: unknown) =>
  new ApiError(422, 'The request failed validation', {
    type: 'validation-failed',
    errors: [{ pointer: '/body/authorId', detail: 'no author has this id' }],
    ...(cause ? { cause } : {}),
  });

/** POST /books: the same, the author named in the body (an unknown one is a 422). */
export async function createBook(
  ctx: ModelContext,
  body: z.output<typeof CreateBookBody>,
): Promise<RouteResponse> {
  const { authorId, ...rest } = body;
  try {
    return await addBookToAuthor(ctx, authorId, rest);
  } catch (error) {
    if (!(error instanceof ApiError && error.statusCode === 404)) throw error;
    throw noSuchAuthor(error);
  }
}

/**
 * PUT: replaces the book (200) or creates it under the path's id (201), in one transaction
 * with the counts: a new book counts on its author, a book moved to another author moves its
 * count, and the embedded author name is the named author's.
 */
export async function replaceBook(
  ctx: RequestContext,
  id: ObjectId,
  body: z.output<typeof CreateBookBody>,
): Promise<RouteResponse> {
  return transactionalPut(ctx, '/books', async (tx, options) => {
    const authors = Authors.bind(tx);
    const before = await Books.bind(tx).get(id);
    const moved = !before?.authorId.equals(body.authorId);
    const author = moved
      ? await authors.update(body.authorId, { inc: { bookCount: 1 } })
      : await authors.get(body.authorId);
    if (!author) throw noSuchAuthor();
    if (before && moved) await authors.update(before.authorId, { inc: { bookCount: -1 } });
    return Books.bind(tx).put(id, { ...body, author: { name: author.name } }, options);
  });
}

export async function listBooks(
  ctx: ModelContext,
  query: z.output<typeof ListBooksQuery>,
  path: string,
): Promise<RouteResponse> {
  const text = query.q === undefined ? {} : { $text: { $search: query.q } };
  const page = await BookList.page(Books.bind(ctx), query, text);
  return pageResponse(path, page, BookList.links(query));
}

export async function listAuthorBooks(
  ctx: ModelContext,
  authorId: ObjectId,
  query: z.output<typeof AuthorBooksQuery>,
  path: string,
): Promise<RouteResponse> {
  await Authors.bind(ctx).getOr404(authorId, ['_id']);
  const page = await Books.bind(ctx).query.byAuthor(authorId, paginateRequest(query));
  return pageResponse(path, page, keptParams(query, ['fields']));
}

/** GET one book: 404, 304, or the book (`?fields=` of it) with its ETag. */
export const getBook = documentGet(Books);

export async function updateBook(
  ctx: RequestContext,
  id: ObjectId,
  body: z.output<typeof UpdateBookBody>,
): Promise<RouteResponse> {
  const { addTag, addEdition, ...fields } = body;
  const changes = {
    ...patchChanges(fields),
    push: { ...(addTag ? { tags: addTag } : {}), ...(addEdition ? { editions: addEdition } : {}) },
  };
  return taggedJson(
    200,
    await Books.bind(ctx).updateOr404(id, changes, writeConditionsOf(ctx.event)),
  );
}

/** Deletes the book and decrements its author's bookCount in one transaction. */
export async function deleteBook(ctx: RequestContext, id: ObjectId): Promise<RouteResponse> {
  const precondition = writeConditionsOf(ctx.event);
  await withTransaction(ctx, async (tx) => {
    const book = await Books.bind(tx).getOr404(id);
    await Books.bind(tx).deleteOr404(id, precondition);
    await Authors.bind(tx).update(book.authorId, { inc: { bookCount: -1 } });
  });
  return noContent();
}
