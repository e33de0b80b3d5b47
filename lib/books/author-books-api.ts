import * as z from 'zod/mini';
import { fieldsQuery, listQuery, paginationSchema, selectableSchema } from '#lib/model/index.ts';
import { ETAG_HEADER, IdParams, LINK_HEADER, LOCATION_HEADER } from '#lib/openapi/common.ts';
import { BookSchema, Books } from './model.ts';

/** POST /authors/{id}/books: the author comes from the path, their name is copied in. */
export const AuthorBookBody = z.omit(BookSchema, { author: true, authorId: true });
/** GET /authors/{id}/books: paging and `?fields=`, in the author's books' own order. */
export const AuthorBooksQuery = listQuery({ fields: fieldsQuery(Books) });

const book = () => Books.responseSchema();
const tags = ['authors', 'books'];

/** The routes of one author's books (part of BookRoutes). */
export const AuthorBookRoutes = {
  ofAuthor: {
    params: IdParams,
    query: AuthorBooksQuery,
    doc: {
      method: 'GET',
      path: '/authors/{id}/books',
      operationId: 'listAuthorBooks',
      summary: "A page of one author's books",
      tags,
      responses: {
        200: {
          description: 'A page of books',
          schema: () => paginationSchema(selectableSchema(book())),
          headers: LINK_HEADER,
        },
      },
    },
  },
  addToAuthor: {
    idempotent: true,
    params: IdParams,
    body: AuthorBookBody,
    doc: {
      method: 'POST',
      path: '/authors/{id}/books',
      operationId: 'createAuthorBook',
      summary: 'Create a book of this author and increment their bookCount (one transaction)',
      tags,
      responses: {
        201: {
          description: 'The created book',
          schema: book,
          headers: { ...LOCATION_HEADER, ...ETAG_HEADER },
        },
      },
    },
  },
} as const;
