import * as z from 'zod/mini';
import {
  fieldsOnlyQuery,
  modelList,
  paginationSchema,
  selectableSchema,
} from '#lib/model/index.ts';
import { ETAG_HEADER, IdParams, LINK_HEADER, LOCATION_HEADER } from '#lib/openapi/common.ts';
import { AuthorSchema, Authors, authorBio, authorBorn, authorName } from './model.ts';

/** Create/PATCH bodies: everything but the counter the book routes maintain. */
export const CreateAuthorBody = z.omit(AuthorSchema, { bookCount: true });
export const UpdateAuthorBody = z
  .strictObject({
    name: z.optional(authorName),
    bio: z.optional(z.nullable(authorBio)),
    born: z.optional(z.nullable(authorBorn)),
  })
  .check(z.refine((b) => Object.keys(b).length > 0, { message: 'must change at least one field' }));

/** GET /authors: `?born[gte]=1900&born[lte]=1950`, `?bookCount[gte]=10`, `?withBookCount=true`. */
export const AuthorList = modelList(Authors, {
  filters: { born: ['gte', 'lte'], bookCount: ['gte'] },
  params: {
    withBookCount: z.optional(
      z
        .enum(['true', 'false'])
        .check(z.describe('true adds booksFound, counted in books ($lookup)')),
    ),
  },
});
export const ListAuthorsQuery = AuthorList.query;

const author = () => Authors.responseSchema();
/** An author as listed with `withBookCount=true`: plus the count found by $lookup. */
const authorWithCount = () => {
  const schema = author();
  const properties = {
    ...(schema.properties as object),
    booksFound: { type: 'integer', minimum: 0 },
  };
  return { ...schema, properties };
};
const tags = ['authors'];

export const AuthorRoutes = {
  create: {
    idempotent: true,
    body: CreateAuthorBody,
    doc: {
      method: 'POST',
      path: '/authors',
      operationId: 'createAuthor',
      summary: 'Create an author',
      tags,
      responses: {
        201: {
          description: 'The created author',
          schema: author,
          headers: { ...LOCATION_HEADER, ...ETAG_HEADER },
        },
      },
    },
  },
  list: {
    query: ListAuthorsQuery,
    doc: {
      method: 'GET',
      path: '/authors',
      operationId: 'listAuthors',
      summary: 'List authors by name; withBookCount=true adds booksFound ($lookup)',
      tags,
      responses: {
        200: {
          description: 'A page of authors',
          schema: () => paginationSchema(selectableSchema(authorWithCount())),
          headers: LINK_HEADER,
        },
      },
    },
  },
  get: {
    params: IdParams,
    query: fieldsOnlyQuery(Authors),
    doc: {
      method: 'GET',
      path: '/authors/{id}',
      operationId: 'getAuthor',
      conditional: 'read',
      summary: 'Get an author',
      tags,
      responses: { 200: { description: 'The author', schema: () => selectableSchema(author()) } },
    },
  },
  update: {
    params: IdParams,
    body: UpdateAuthorBody,
    doc: {
      method: 'PATCH',
      path: '/authors/{id}',
      operationId: 'updateAuthor',
      conditional: 'write',
      summary: 'Change fields of an author (null removes bio/born); a rename updates their books',
      tags,
      responses: { 200: { description: 'The updated author', schema: author } },
    },
  },
  replace: {
    params: IdParams,
    body: CreateAuthorBody,
    doc: {
      method: 'PUT',
      path: '/authors/{id}',
      operationId: 'replaceAuthor',
      conditional: 'upsert',
      summary: 'Replace an author (bookCount kept), or create one under a client-chosen id',
      tags,
      responses: {
        200: { description: 'The replaced author; a rename updates their books', schema: author },
        201: {
          description: 'The author, created under the id in the path',
          schema: author,
          headers: LOCATION_HEADER,
        },
      },
    },
  },
  delete: {
    params: IdParams,
    doc: {
      method: 'DELETE',
      path: '/authors/{id}',
      operationId: 'deleteAuthor',
      conditional: 'write',
      summary: 'Delete an author without books (409 otherwise)',
      errors: [409],
      tags,
      responses: { 204: { description: 'Deleted' } },
    },
  },
} as const;
