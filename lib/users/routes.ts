import type { Db, ObjectId } from 'mongodb';
import { ApiError } from '#lib/http/errors.ts';
import { json, noContent, type RouteResponse } from '#lib/http/response.ts';
import type { TimeBudget } from '#lib/mongo/deadline.ts';
import { createRepository } from '#lib/mongo/repository.ts';
import { usersCollection } from './collection.ts';
import { pageLinks } from './links.ts';
import type { ListUsers, UpdateUser, User } from './schema.ts';

/** What every users route needs from the chain. */
export interface UsersDeps {
  readonly db: Db;
  readonly budget: TimeBudget;
}

const users = ({ db, budget }: UsersDeps) => createRepository(usersCollection(db), budget);

function notFound(id: ObjectId): ApiError {
  return new ApiError(404, `No user with id ${id.toHexString()}`, { type: 'not-found' });
}

export async function createUser(deps: UsersDeps, body: User): Promise<RouteResponse> {
  const user = await users(deps).insert({ ...body });
  return json(201, user, { Location: `/users/${user._id.toHexString()}` });
}

export async function listUsers(
  deps: UsersDeps,
  query: ListUsers,
  path: string,
): Promise<RouteResponse> {
  const { page, perPage } = query;
  const { items, total } = await users(deps).page({}, page, perPage);
  return json(
    200,
    { items, page, perPage, total },
    { Link: pageLinks(path, page, perPage, total) },
  );
}

export async function getUser(deps: UsersDeps, id: ObjectId): Promise<RouteResponse> {
  const user = await users(deps).findById(id);
  if (!user) throw notFound(id);
  return json(200, user);
}

export async function updateUser(
  deps: UsersDeps,
  id: ObjectId,
  body: UpdateUser,
): Promise<RouteResponse> {
  const { email, ...rest } = body;
  const set: Partial<User> = { ...rest, ...(typeof email === 'string' ? { email } : {}) };
  const user = await users(deps).updateById(id, set, email === null ? ['email'] : []);
  if (!user) throw notFound(id);
  return json(200, user);
}

export async function deleteUser(deps: UsersDeps, id: ObjectId): Promise<RouteResponse> {
  if (!(await users(deps).deleteById(id))) throw notFound(id);
  return noContent();
}
