import type { ObjectId } from 'mongodb';
import type * as z from 'zod/mini';
import { json, noContent, type RouteResponse } from '#lib/http/response.ts';
import { type ListQueryInput, type ModelContext, paginateRequest } from '#lib/model/index.ts';
import { createdResponse, pageResponse } from '#lib/model/route-responses.ts';
import type { UpdateUserBody } from './api.ts';
import { type User, Users } from './model.ts';

export async function createUser(ctx: ModelContext, body: User): Promise<RouteResponse> {
  return createdResponse('/users', await Users.bind(ctx).insert(body));
}

export async function listUsers(
  ctx: ModelContext,
  query: ListQueryInput,
  path: string,
): Promise<RouteResponse> {
  const page = await Users.bind(ctx).paginate({}, paginateRequest(query));
  return pageResponse(path, page);
}

export async function getUser(ctx: ModelContext, id: ObjectId): Promise<RouteResponse> {
  return json(200, await Users.bind(ctx).getOr404(id));
}

export async function updateUser(
  ctx: ModelContext,
  id: ObjectId,
  body: z.output<typeof UpdateUserBody>,
): Promise<RouteResponse> {
  const { email, ...set } = body;
  const user = await Users.bind(ctx).updateOr404(id, {
    set: { ...set, ...(typeof email === 'string' ? { email } : {}) },
    unset: email === null ? ['email'] : [],
  });
  return json(200, user);
}

export async function deleteUser(ctx: ModelContext, id: ObjectId): Promise<RouteResponse> {
  await Users.bind(ctx).deleteOr404(id);
  return noContent();
}
