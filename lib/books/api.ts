import * as z from 'zod/mini';
import {
  fieldsOnlyQuery,
  modelList,
  paginationSchema,
  RELEVANCE,
  selectableSchema,
} from '#lib/model/index.ts';
import { ETAG_HEADER, IdParams, LINK_HEADER, LOCATION_HEADER } from '#lib/openapi/common.ts';
import { AuthorBookRoutes } from './author-books-api.ts';
import { BULK_REPORT_SCHEMA, BulkBooksBody } from './bulk-api.ts';
import {
  BookSchema,
  Books,
  bookGenre,
  bookIsbn,
  bookPrice,
  bookRating,
  bookTag,
  bookTags,
  bookTitle,
  bookYear,
  Edition,
} from './model.ts';

/** POST /books: names the author by id. */
export const CreateBookBody = z.omit(BookSchema, { author: true });

/** PATCH: `$set` of the plain fields, `addTag`/`addEdition` become `$push`. */
export const UpdateBookBody = z
  .strictObject({
    title: z.optional(bookTitle),
    year: z.optional(bookYear),
    genre: z.optional(bookGenre),
    isbn: z.optional(z.nullable(bookIsbn)),
    tags: z.optional(bookTags),
    rating: z.optional(z.nullable(bookRating)),
    price: z.optional(z.nullable(bookPrice)),
    addTag: z.optional(bookTag),
    addEdition: z.optional(Edition),
  })
  .check(z.refine((b) => Object.keys(b).length > 0, { message: 'must change at least one field' }));

/** `?q=`: MongoDB text search (words, "phrases", -negations) over titles and tags. */
const searchText = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(200),
    z.describe('Text search in titles and tags: words, "phrases", -excluded words'),
  );

/** GET /books: `?year=1969`, `?year[gte]=1960&year[lte]=1969`, `?tags=sf`, `?q=`, … */
export const BookList = modelList(Books, {
  filters: {
    year: ['eq', 'gte', 'lte'],
    genre: ['eq'],
    tags: ['eq'],
    rating: ['gte'],
    price: ['gte', 'lte'],
    createdAt: ['gte', 'lt'],
  },
  params: { q: z.optional(searchText) },
  orders: { relevance: { about: 'best matches of q first, in page mode', order: RELEVANCE } },
});

export const ListBooksQuery = BookList.query.check(
  // `relevance`: best matches of `q` first, by page number (a score cannot bound a keyset page).
  z.superRefine((query, ctx) => {
    if (query.sort !== 'relevance') return;
    const keyset = query.cursor !== undefined || query.limit !== undefined;
    if (query.q === undefined || keyset) {
      const message = keyset ? 'relevance pages with page/perPage' : 'relevance needs a search (q)';
      ctx.addIssue({ code: 'custom', path: ['sort'], message });
    }
  }),
);

const book = () => Books.responseSchema();
/** A book as a GET answers it, whole or under `?fields=`. */
const selectedBook = () => selectableSchema(book());
const t = ['books'];

export const BookRoutes = {
  create: {
    idempotent: true,
    body: CreateBookBody,
    doc: {
      method: 'POST',
      path: '/books',
      operationId: 'createBook',
      summary: 'Create a book and count it on its author (one transaction)',
      tags: t,
      responses: {
        201: {
          description: 'The created book',
          schema: book,
          headers: { ...LOCATION_HEADER, ...ETAG_HEADER },
        },
      },
    },
  },
  list: {
    query: ListBooksQuery,
    doc: {
      method: 'GET',
      path: '/books',
      operationId: 'listBooks',
      summary: 'List books by year (optionally of one year)',
      tags: t,
      responses: {
        200: {
          description: 'A page of books',
          schema: () => paginationSchema(selectedBook()),
          headers: LINK_HEADER,
        },
      },
    },
  },
  get: {
    params: IdParams,
    query: fieldsOnlyQuery(Books),
    doc: {
      method: 'GET',
      path: '/books/{id}',
      operationId: 'getBook',
      conditional: 'read',
      summary: 'Get a book',
      tags: t,
      responses: { 200: { description: 'The book', schema: selectedBook } },
    },
  },
  update: {
    params: IdParams,
    body: UpdateBookBody,
    doc: {
      method: 'PATCH',
      path: '/books/{id}',
      operationId: 'updateBook',
      conditional: 'write',
      summary: 'Change fields of a book; addTag/addEdition append',
      tags: t,
      responses: { 200: { description: 'The updated book', schema: book } },
    },
  },
  replace: {
    params: IdParams,
    body: CreateBookBody,
    doc: {
      method: 'PUT',
      path: '/books/{id}',
      operationId: 'replaceBook',
      conditional: 'upsert',
      summary: 'Replace a book, or create one under a client-chosen id; authors counted',
      tags: t,
      responses: {
        200: { description: 'The replaced book', schema: book },
        201: {
          description: 'The book, created under the id in the path',
          schema: book,
          headers: LOCATION_HEADER,
        },
      },
    },
  },
  delete: {
    params: IdParams,
    doc: {
      method: 'DELETE',
      path: '/books/{id}',
      operationId: 'deleteBook',
      conditional: 'write',
      summary: 'Delete a book and uncount it on its author (one transaction)',
      tags: t,
      responses: { 204: { description: 'Deleted' } },
    },
  },
  bulk: {
    idempotent: true,
    body: BulkBooksBody,
    doc: {
      method: 'POST',
      path: '/books/bulk',
      operationId: 'createBooks',
      summary: 'Insert up to 100 books (insertMany); always 200 with a status per item',
      tags: t,
      responses: {
        200: {
          description:
            'Per-item results: 201 created, 409 duplicate, 422 invalid, 424 not attempted',
          schema: BULK_REPORT_SCHEMA,
        },
      },
    },
  },
  ...AuthorBookRoutes,
} as const;
