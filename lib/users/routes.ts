import type { ObjectId } from 'mongodb';
import type * as z from 'zod/mini';
import { noContent, type RouteResponse } from '#lib/http/response.ts';
import {
  documentGet,
  putOptionsOf,
  type RequestContext,
  taggedJson,
  writeConditionsOf,
} from '#lib/model/conditional-requests.ts';
import type { ModelContext } from '#lib/model/index.ts';
import { patchChanges } from '#lib/model/patch-changes.ts';
import { createdResponse, pageResponse, putResponse } from '#lib/model/route-responses.ts';
import { type ListUsersQuery, type UpdateUserBody, UserList } from './api.ts';
import { type User, Users } from './model.ts';

export async function createUser(ctx: ModelContext, body: User): Promise<RouteResponse> {
  return createdResponse('/users', await Users.bind(ctx).insert(body));
}

export async function listUsers(
  ctx: ModelContext,
  query: z.output<typeof ListUsersQuery>,
  path: string,
): Promise<RouteResponse> {
  const page = await UserList.page(Users.bind(ctx), query);
  return pageResponse(path, page, UserList.links(query));
}

/** GET one user: 404, 304, or the user (`?fields=` of it) with its ETag. */
export const getUser = documentGet(Users);

export async function updateUser(
  ctx: RequestContext,
  id: ObjectId,
  body: z.output<typeof UpdateUserBody>,
): Promise<RouteResponse> {
  const changes = patchChanges(body);
  return taggedJson(
    200,
    await Users.bind(ctx).updateOr404(id, changes, writeConditionsOf(ctx.event)),
  );
}

/** PUT: replaces the user (200) or creates it under the path's id (201); idempotent. */
export async function replaceUser(
  ctx: RequestContext,
  id: ObjectId,
  body: User,
): Promise<RouteResponse> {
  return putResponse('/users', await Users.bind(ctx).put(id, body, putOptionsOf(ctx.event)));
}

export async function deleteUser(ctx: RequestContext, id: ObjectId): Promise<RouteResponse> {
  await Users.bind(ctx).deleteOr404(id, writeConditionsOf(ctx.event));
  return noContent();
}
