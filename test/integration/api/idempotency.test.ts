import { describe, expect, it } from 'vitest';
import { mintDevToken } from '#lib/auth/index.ts';
import { DEFAULT_WRITE_SCOPE } from '#lib/config/index.ts';
import { byId, useLibrary } from './support/library-fixture.ts';

// Idempotency-Key on the POST routes (lib/idempotency), through the real chains; `call` checks
// every answer against the OpenAPI document.
const f = useLibrary('api_idempotency');

const keyed = (key: string, extra: Record<string, string> = {}) => ({
  headers: { 'idempotency-key': key, ...extra },
});
const createAuthor = (name: string, key: string, token?: string) =>
  f.api.call('createAuthor', {
    path: '/authors',
    body: { name },
    ...keyed(key),
    ...(token ? { token } : {}),
  });

describe('Idempotency-Key', () => {
  it('a retry with the same key gets the first answer again and writes nothing more', async () => {
    const first = await createAuthor('Le Guin', 'a3c1e9d0-0001');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await createAuthor('Le Guin', 'a3c1e9d0-0001');
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(await f.db.collection('authors').countDocuments({ name: 'Le Guin' })).toBe(1);
    // The structured-field form ("…") names the same key.
    expect((await createAuthor('Le Guin', '"a3c1e9d0-0001"')).headers['idempotent-replayed']).toBe(
      'true',
    );
  });

  it('a bulk insert is replayed too: its report again, the books counted once', async () => {
    const authorId = await f.author('Banks');
    const send = () =>
      f.api.call('createBooks', {
        path: '/books/bulk',
        body: { books: [{ title: 'Excession', year: 1996, authorId }] },
        ...keyed('bulk-1'),
      });
    const first = await send();
    const again = await send();
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await f.db.collection('books').countDocuments({})).toBe(1);
    expect((await f.api.call('getAuthor', byId('/authors/{id}', authorId))).body.bookCount).toBe(1);
  });

  it('the same key with another request is a 422 naming the header', async () => {
    await createAuthor('Butler', 'key-reused');
    const other = await createAuthor('Jemisin', 'key-reused');
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/\/problems\/idempotency-key-reused$/);
    expect(other.body.errors).toEqual([
      { pointer: '/headers/idempotency-key', detail: 'was sent with another request' },
    ]);
    expect(await f.db.collection('authors').countDocuments({ name: 'Jemisin' })).toBe(0);
  });

  it('keys are per caller: another token’s same key is another request', async () => {
    const other = await mintDevToken({ scopes: [DEFAULT_WRITE_SCOPE], subject: 'someone-else' });
    const mine = await createAuthor('Wolfe', 'shared-key');
    const theirs = await createAuthor('Wolfe', 'shared-key', other);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body._id).not.toBe(mine.body._id);
  });

  it('of concurrent requests with one key one writes; the others replay or are told to wait', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => createAuthor('Herbert', 'concurrent-key')),
    );
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    const written = answers.filter(
      (a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined,
    );
    expect(written).toHaveLength(1);
    const waiting = answers.find((a) => a.status === 409);
    if (waiting) expect(waiting.headers['retry-after']).toBe('5');
    expect(await f.db.collection('authors').countDocuments({ name: 'Herbert' })).toBe(1);
  });

  it('a failed first request lets the key go: its retry runs', async () => {
    const send = () =>
      f.api.call('createUser', {
        path: '/users',
        body: { name: 'Two', email: 'taken@example.com' },
        ...keyed('after-conflict'),
      });
    await f.db.collection('users').deleteMany({ email: 'taken@example.com' });
    await f.api.call('createUser', {
      path: '/users',
      body: { name: 'One', email: 'taken@example.com' },
    });
    expect((await send()).status).toBe(409);
    await f.db.collection('users').deleteMany({ email: 'taken@example.com' });
    const retried = await send();
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a malformed key is a 400 before anything is written', async () => {
    for (const key of ['""', 'x'.repeat(256), 'two words']) {
      const answer = await createAuthor('Nobody', key);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        { pointer: '/headers/idempotency-key', detail: 'is not a valid idempotency key' },
      ]);
    }
    expect(await f.db.collection('authors').countDocuments({ name: 'Nobody' })).toBe(0);
  });

  it('keys expire: the collection carries a TTL index, pushed by the setup', async () => {
    const indexes = await f.db.collection('idempotency_keys').indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }),
        expect.objectContaining({ key: { key: 1 }, unique: true }),
      ]),
    );
  });
});
