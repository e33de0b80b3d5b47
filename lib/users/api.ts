import * as z from 'zod/mini';
import {
  fieldsOnlyQuery,
  modelList,
  paginationSchema,
  selectableSchema,
} from '#lib/model/index.ts';
import { ETAG_HEADER, IdParams, LINK_HEADER, LOCATION_HEADER } from '#lib/openapi/common.ts';
import { UserSchema, Users, userEmail, userName } from './model.ts';

/** PATCH body: a validated `$set` of known fields; `email: null` removes the address. */
export const UpdateUserBody = z
  .strictObject({ name: z.optional(userName), email: z.optional(z.nullable(userEmail)) })
  .check(
    z.refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' }),
  );

/** POST body: the model's schema (strict, so operators and unknown keys fail). */
export const CreateUserBody = UserSchema;
export const UserIdParams = IdParams;
/** GET /users: `?email=` finds the user with that address (the unique index finds it). */
export const UserList = modelList(Users, { filters: { email: ['eq'] } });
export const ListUsersQuery = UserList.query;

const user = () => Users.responseSchema();
const tags = ['users'];

/** Request schemas and OpenAPI description of every users route. */
export const UserRoutes = {
  create: {
    idempotent: true,
    body: CreateUserBody,
    doc: {
      method: 'POST',
      path: '/users',
      operationId: 'createUser',
      summary: 'Create a user',
      tags,
      responses: {
        201: {
          description: 'The created user',
          schema: user,
          headers: { ...LOCATION_HEADER, ...ETAG_HEADER },
        },
      },
    },
  },
  list: {
    query: ListUsersQuery,
    doc: {
      method: 'GET',
      path: '/users',
      operationId: 'listUsers',
      summary: 'List users (page or keyset pagination)',
      tags,
      responses: {
        200: {
          description: 'A page of users',
          schema: () => paginationSchema(selectableSchema(user())),
          headers: LINK_HEADER,
        },
      },
    },
  },
  get: {
    params: UserIdParams,
    query: fieldsOnlyQuery(Users),
    doc: {
      method: 'GET',
      path: '/users/{id}',
      operationId: 'getUser',
      conditional: 'read',
      summary: 'Get a user',
      tags,
      responses: { 200: { description: 'The user', schema: () => selectableSchema(user()) } },
    },
  },
  update: {
    params: UserIdParams,
    body: UpdateUserBody,
    doc: {
      method: 'PATCH',
      path: '/users/{id}',
      operationId: 'updateUser',
      conditional: 'write',
      summary: 'Change fields of a user',
      tags,
      responses: { 200: { description: 'The updated user', schema: user } },
    },
  },
  replace: {
    params: UserIdParams,
    body: CreateUserBody,
    doc: {
      method: 'PUT',
      path: '/users/{id}',
      operationId: 'replaceUser',
      conditional: 'upsert',
      summary: 'Replace a user, or create one under a client-chosen id',
      tags,
      responses: {
        200: { description: 'The replaced user', schema: user },
        201: {
          description: 'The user, created under the id in the path',
          schema: user,
          headers: LOCATION_HEADER,
        },
      },
    },
  },
  delete: {
    params: UserIdParams,
    doc: {
      method: 'DELETE',
      path: '/users/{id}',
      operationId: 'deleteUser',
      conditional: 'write',
      summary: 'Delete a user',
      tags,
      responses: { 204: { description: 'Deleted' } },
    },
  },
} as const;
