import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

// PUT /users/{id}: replace, or create under a client-chosen id (RFC 9110 §9.3.4), with its
// preconditions, through the real chain; `call` checks every answer against the OpenAPI document.
const f = useLibrary('api_users_put', false);

/** An address no other test of the file uses (the users collection is not emptied). */
const email = () => `put-${new ObjectId().toHexString()}@example.com`;
const put = (id: string, body: object, headers: Record<string, string> = {}) =>
  f.api.call('replaceUser', { ...byId('/users/{id}', id), body, headers });
const stored = (id: string) => f.db.collection('users').findOne({ _id: new ObjectId(id) });

describe('PUT /users/{id}', () => {
  it('creates under the path id (201), then replaces (200): createdAt kept, version moved on', async () => {
    const id = new ObjectId().toHexString();
    const address = email();
    const created = await put(id, { name: 'Ada', email: address });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/users/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ _id: id, name: 'Ada', email: address, version: 1 });

    const replaced = await put(id, { name: 'Ada Lovelace', email: address });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.etag).toBe('"2"');
    expect(replaced.headers.location).toBeUndefined();
    expect(replaced.body).toMatchObject({ _id: id, name: 'Ada Lovelace', version: 2 });
    expect(replaced.body.createdAt).toBe(created.body.createdAt);
    expect(Date.parse(replaced.body.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(created.body.updatedAt),
    );
    expect(await f.db.collection('users').countDocuments({ _id: new ObjectId(id) })).toBe(1);
  });

  it('replaces the whole document: a field the body leaves out is gone', async () => {
    const id = new ObjectId().toHexString();
    await put(id, { name: 'Bo', email: email() });
    const replaced = await put(id, { name: 'Bo' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).not.toHaveProperty('email');
    const doc = await stored(id);
    expect(doc).not.toHaveProperty('email');
    expect(doc).toMatchObject({ name: 'Bo', version: 2 });
  });

  it('If-Match replaces only at the named version and never creates', async () => {
    const id = new ObjectId().toHexString();
    await put(id, { name: 'Cy' });
    await put(id, { name: 'Cy 2' });
    const stale = await put(id, { name: 'lost' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toMatch(/precondition-failed$/);
    expect(await stored(id)).toMatchObject({ name: 'Cy 2', version: 2 });
    const current = await put(id, { name: 'Cy 3' }, { 'if-match': '"2"' });
    expect(current.status).toBe(200);
    expect(current.headers.etag).toBe('"3"');

    const absent = new ObjectId().toHexString();
    for (const tag of ['"1"', '*']) {
      const refused = await put(absent, { name: 'nobody' }, { 'if-match': tag });
      expect(refused.status).toBe(412);
    }
    expect(await stored(absent)).toBeNull();
    const any = await put(id, { name: 'Cy 4' }, { 'if-match': '*' });
    expect(any.status).toBe(200);
  });

  it('If-None-Match: * creates only; with ETags it refuses to replace those versions', async () => {
    const id = new ObjectId().toHexString();
    const created = await put(id, { name: 'Di' }, { 'if-none-match': '*' });
    expect(created.status).toBe(201);
    const again = await put(id, { name: 'overwritten' }, { 'if-none-match': '*' });
    expect(again.status).toBe(412);
    expect(await stored(id)).toMatchObject({ name: 'Di', version: 1 });
    const both = await put(id, { name: 'x' }, { 'if-match': '"1"', 'if-none-match': '*' });
    expect(both.status).toBe(412);
    // Weak comparison: W/"1" names version 1 too.
    for (const tags of ['"1"', 'W/"1", "7"']) {
      expect((await put(id, { name: 'x' }, { 'if-none-match': tags })).status).toBe(412);
    }
    expect(await stored(id)).toMatchObject({ name: 'Di', version: 1 });
    const other = await put(id, { name: 'Di 2' }, { 'if-none-match': '"7"' });
    expect(other.status).toBe(200);
    const fresh = new ObjectId().toHexString();
    expect((await put(fresh, { name: 'Ed' }, { 'if-none-match': '"1"' })).status).toBe(201);
    const bothTags = await put(id, { name: 'x' }, { 'if-match': '"2"', 'if-none-match': '"2"' });
    expect(bothTags.status).toBe(412);
    expect(await stored(id)).toMatchObject({ name: 'Di 2', version: 2 });
  });

  it('refuses invalid bodies and ids with 4xx, writing nothing', async () => {
    const id = new ObjectId().toHexString();
    const missing = await put(id, { email: email() });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/body/name');
    for (const body of [
      { name: 'E', role: 'admin' },
      { name: { $ne: '' } },
      { name: 'E', $set: {} },
    ]) {
      expect((await put(id, body)).status).toBe(422);
    }
    expect(await stored(id)).toBeNull();
    const badId = await f.api.call('replaceUser', {
      ...byId('/users/{id}', 'not-an-id'),
      body: { name: 'E' },
    });
    expect(badId.status).toBe(400);
  });

  it('stores a value starting with $ as it was sent, never as an expression', async () => {
    const id = new ObjectId().toHexString();
    await put(id, { name: 'first' });
    const answer = await put(id, { name: '$name' });
    expect(answer.status).toBe(200);
    expect(await stored(id)).toMatchObject({ name: '$name', version: 2 });
  });

  it('an address another user holds is a 409, and the document stays as it was', async () => {
    const taken = email();
    await put(new ObjectId().toHexString(), { name: 'Fay', email: taken });
    const id = new ObjectId().toHexString();
    await put(id, { name: 'Gus', email: email() });
    const clash = await put(id, { name: 'Gus', email: taken.toUpperCase() });
    expect(clash.status).toBe(409);
    expect((await stored(id))?.email).not.toBe(taken);
    expect((await put(new ObjectId().toHexString(), { name: 'Hal', email: taken })).status).toBe(
      409,
    );
  });

  it('concurrent PUTs of one new id: one creates, the others replace, none is lost', async () => {
    const id = new ObjectId().toHexString();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => put(id, { name: `racer ${i}` })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const doc = await stored(id);
    expect(doc?.version).toBe(8);
    expect(answers.find((a) => a.body.version === 8)?.body.name).toBe(doc?.name);
  });

  it('concurrent creates with If-None-Match: * — exactly one wins, the rest are 412', async () => {
    const id = new ObjectId().toHexString();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        put(id, { name: `first ${i}` }, { 'if-none-match': '*' }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 412, 412, 412, 412, 412]);
    expect(await stored(id)).toMatchObject({ version: 1 });
  });
});
