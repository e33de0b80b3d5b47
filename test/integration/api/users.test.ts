import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setupDatabase } from '#lib/setup/index.ts';
import { useApiOnOwnDatabase } from './support/api-on-own-database.ts';
import { invoke } from './support/invoke.ts';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const own = useApiOnOwnDatabase('api_users', setupDatabase);
beforeEach(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  await own.db.collection('users').deleteMany({});
  return () => vi.restoreAllMocks();
});

const create = (body: unknown) =>
  invoke(own.api.users.create, { method: 'POST', path: '/users', body: body as object });
const byId = (id: string) => ({ path: `/users/${id}`, pathParameters: { id } });

describe('POST /users', () => {
  it('creates a user: 201, Location, the stored document with a hex id', async () => {
    const answer = await create({ name: '  Ada Lovelace ', email: 'Ada@Example.com' });
    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.body).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      version: 1,
    });
    expect(answer.body.createdAt).toBe(answer.body.updatedAt);
    expect(answer.headers.location).toBe(`/users/${answer.body._id}`);
    expect(answer.headers.etag).toBe('"1"');
    const stored = await own.db.collection('users').findOne({ name: 'Ada Lovelace' });
    expect(stored?._id.toHexString()).toBe(answer.body._id);
    expect(stored?.createdAt).toBeInstanceOf(Date);
  });

  it('409 names the field for a duplicate email (unique index from the setup function)', async () => {
    expect((await create({ name: 'A', email: 'dup@example.com' })).status).toBe(201);
    const answer = await create({ name: 'B', email: 'DUP@example.com' });
    expect(answer.status).toBe(409);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      type: '/problems/duplicate-key',
      title: 'Conflict',
      status: 409,
      detail: 'A document with the same email already exists',
      instance: '/users',
      errors: [{ pointer: '/body/email', detail: 'must be unique' }],
    });
    expect(answer.raw.body).not.toContain('E11000');
  });

  it('users without an email do not collide', async () => {
    expect((await create({ name: 'A' })).status).toBe(201);
    expect((await create({ name: 'B' })).status).toBe(201);
  });

  it('422 lists every failing field as a JSON pointer', async () => {
    const answer = await create({ name: '', email: 'not-an-email', admin: true });
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('/problems/validation-failed');
    expect(answer.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/admin',
      '/body/email',
      '/body/name',
    ]);
  });

  it('rejects operator injection before it reaches the database', async () => {
    const answer = await create({ name: { $ne: '' } });
    expect(answer.status).toBe(422);
    expect(await own.db.collection('users').countDocuments({})).toBe(0);
  });

  it('400 for malformed JSON, 415 for a wrong or missing Content-Type, 413 for an oversized body', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      invoke(own.api.users.create, { method: 'POST', path: '/users', headers, body });
    const malformed = await post({ 'content-type': 'application/json' }, '{"name":');
    expect([malformed.status, malformed.body.type]).toEqual([400, '/problems/malformed-json']);
    expect((await post({ 'content-type': 'text/plain' }, '{"name":"A"}')).status).toBe(415);
    expect((await post({}, '{"name":"A"}')).status).toBe(415);
    const big = await post(
      { 'content-type': 'application/json' },
      JSON.stringify({ name: 'x'.repeat(20_000) }),
    );
    expect([big.status, big.body.type]).toEqual([413, '/problems/payload-too-large']);
  });

  it('accepts application/json with a charset', async () => {
    const answer = await invoke(own.api.users.create, {
      method: 'POST',
      path: '/users',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"name":"Charset"}',
    });
    expect(answer.status).toBe(201);
  });
});

describe('GET /users/{id}', () => {
  it('200 with the user', async () => {
    const created = await create({ name: 'Grace' });
    const answer = await invoke(own.api.users.get, byId(created.body._id));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(created.body);
  });

  it('404 for an absent user, 400 for an id that is not an ObjectId', async () => {
    const missing = await invoke(own.api.users.get, byId('65a1b2c3d4e5f60718293a4b'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      type: '/problems/not-found',
      instance: '/users/65a1b2c3d4e5f60718293a4b',
    });
    const bad = await invoke(own.api.users.get, byId('not-an-id'));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      type: '/problems/invalid-path-parameter',
      errors: [{ pointer: '/params/id' }],
    });
  });
});

describe('GET /users', () => {
  it('pages 10 per page by default with total and Link headers', async () => {
    for (let i = 0; i < 23; i += 1) await create({ name: `user ${String(i).padStart(2, '0')}` });
    const first = await invoke(own.api.users.list, { path: '/users' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, perPage: 10, total: 23 });
    expect(first.body.items).toHaveLength(10);
    expect(first.body.items[0].name).toBe('user 00');
    expect(first.headers.link).toContain('</users?page=3&perPage=10>; rel="last"');
    expect(first.headers.link).toContain('</users?page=2&perPage=10>; rel="next"');

    const last = await invoke(own.api.users.list, { path: '/users?page=3' });
    expect(last.body.items.map((u: { name: string }) => u.name)).toEqual([
      'user 20',
      'user 21',
      'user 22',
    ]);
    expect(last.headers.link).not.toContain('rel="next"');
  });

  it('clamps perPage and rejects a non-numeric page with 422', async () => {
    await create({ name: 'only' });
    const clamped = await invoke(own.api.users.list, { path: '/users?perPage=5000' });
    expect(clamped.body.perPage).toBe(100);
    const bad = await invoke(own.api.users.list, { path: '/users?page=abc' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/query/page' })]);
  });
});

describe('PATCH /users/{id}', () => {
  const patch = (id: string, body: unknown) =>
    invoke(own.api.users.update, { method: 'PATCH', ...byId(id), body: body as object });

  it('200 with the updated document; email null removes the address', async () => {
    const created = await create({ name: 'Old', email: 'old@example.com' });
    const renamed = await patch(created.body._id, { name: 'New' });
    expect(renamed.status).toBe(200);
    const { createdAt } = created.body;
    expect(renamed.body).toMatchObject({
      _id: created.body._id,
      name: 'New',
      email: 'old@example.com',
      createdAt,
    });
    expect(renamed.body.updatedAt >= createdAt).toBe(true);
    const unset = await patch(created.body._id, { email: null });
    expect(Object.keys(unset.body).sort()).toEqual([
      '_id',
      'createdAt',
      'name',
      'updatedAt',
      'version',
    ]);
    expect(unset.body.version).toBe(3);
    expect(unset.headers.etag).toBe('"3"');
  });

  it('takes the body as application/merge-patch+json (RFC 7396) too', async () => {
    const created = await create({ name: 'Old', email: 'old@example.com' });
    const answer = await invoke(own.api.users.update, {
      method: 'PATCH',
      ...byId(created.body._id),
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ email: null }),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'Old', version: 2 });
    expect(answer.body.email).toBeUndefined();
  });

  it('rejects unknown keys, operators and empty patches with 422', async () => {
    const { body } = await create({ name: 'X' });
    for (const payload of [{ $set: { name: 'Y' } }, { role: 'admin' }, {}, { name: { $gt: '' } }]) {
      expect((await patch(body._id, payload)).status).toBe(422);
    }
  });

  it('404 for an absent user, 409 for a taken email', async () => {
    expect((await patch('65a1b2c3d4e5f60718293a4b', { name: 'Z' })).status).toBe(404);
    await create({ name: 'A', email: 'taken@example.com' });
    const { body } = await create({ name: 'B' });
    expect((await patch(body._id, { email: 'taken@example.com' })).status).toBe(409);
  });
});

describe('DELETE /users/{id}', () => {
  it('204 without a body, then 404', async () => {
    const { body } = await create({ name: 'Gone' });
    const deleted = await invoke(own.api.users.delete, { method: 'DELETE', ...byId(body._id) });
    expect(deleted.status).toBe(204);
    expect(deleted.raw.body).toBeUndefined();
    expect(
      (await invoke(own.api.users.delete, { method: 'DELETE', ...byId(body._id) })).status,
    ).toBe(404);
    expect((await invoke(own.api.users.get, byId(body._id))).status).toBe(404);
  });
});

describe('GET /health', () => {
  it('200 {status:"ok"} when the database answers', async () => {
    const answer = await invoke(own.api.health, { path: '/health' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });
});
