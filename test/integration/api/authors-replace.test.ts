import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

// PUT /authors/{id}: the server's bookCount survives a replacement, a rename reaches the
// author's books in the same transaction, and the body cannot set the count.
const f = useLibrary('api_authors_put');

const put = (id: string, body: object, headers: Record<string, string> = {}) =>
  f.api.call('replaceAuthor', { ...byId('/authors/{id}', id), body, headers });
const embeddedNames = async (authorId: string) =>
  (
    await f.db
      .collection('books')
      .find({ authorId: new ObjectId(authorId) })
      .toArray()
  ).map((b) => b.author.name);

describe('PUT /authors/{id}', () => {
  it('replaces the author, keeps bookCount, renames their books, drops what the body leaves out', async () => {
    const id = await f.author('Ursula Le Guin', { bio: 'Earthsea', born: 1929 });
    await f.books(id, [1968, 1969]);
    const replaced = await put(id, { name: 'Ursula K. Le Guin', born: 1929 });
    expect(replaced.status).toBe(200);
    // Version 1 at creation, 2 when the bulk insert counted the books, 3 now.
    expect(replaced.body).toMatchObject({ name: 'Ursula K. Le Guin', bookCount: 2, version: 3 });
    expect(replaced.body).not.toHaveProperty('bio');
    expect(await embeddedNames(id)).toEqual(['Ursula K. Le Guin', 'Ursula K. Le Guin']);
    const stored = await f.db.collection('authors').findOne({ _id: new ObjectId(id) });
    expect(stored).toMatchObject({ bookCount: 2 });
    expect(stored).not.toHaveProperty('bio');
  });

  it('creates an author at a new id with no books (201), and refuses a bookCount in the body', async () => {
    const id = new ObjectId().toHexString();
    const created = await put(id, { name: 'Octavia Butler' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/authors/${id}`);
    expect(created.body).toMatchObject({ _id: id, bookCount: 0, version: 1 });
    const counted = await put(id, { name: 'Octavia E. Butler', bookCount: 99 });
    expect(counted.status).toBe(422);
    expect(counted.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(
      '/body/bookCount',
    );
    expect(await f.db.collection('authors').findOne({ _id: new ObjectId(id) })).toMatchObject({
      name: 'Octavia Butler',
      bookCount: 0,
    });
  });

  it('a stale If-Match changes neither the author nor the names in their books', async () => {
    const id = await f.author('Iain Banks');
    await f.books(id, [1987]);
    await put(id, { name: 'Iain M. Banks' });
    const stale = await put(id, { name: 'Lost rename' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(await embeddedNames(id)).toEqual(['Iain M. Banks']);
  });
});
