import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

// ETag / If-None-Match / If-Match on the versioned models (RFC 9110 §13), through the real
// chains; `call` also checks each answer (status, body, ETag header) against the OpenAPI document.
const f = useLibrary('api_conditional');

const tagged = (etag: string) => ({ headers: { 'if-match': etag } });
/** PATCH /books/{id}, with `If-Match` when an ETag is given. */
const patchBook = (id: string, body: object, etag?: string) =>
  f.api.call('updateBook', {
    ...byId('/books/{id}', id),
    body,
    ...(etag === undefined ? {} : tagged(etag)),
  });

async function book(authorId: string) {
  const created = await f.api.call('createAuthorBook', {
    ...byId('/authors/{id}/books', authorId),
    body: { title: 'Dune', year: 1965 },
  });
  expect(created.status).toBe(201);
  return created;
}

describe('ETag and If-None-Match on GET', () => {
  it('answers the version as a strong ETag, and 304 without a body while it is current', async () => {
    const id = await f.author('Le Guin');
    const got = await f.api.call('getAuthor', byId('/authors/{id}', id));
    expect(got.headers.etag).toBe('"1"');
    expect(got.body.version).toBe(1);

    const same = await f.api.call('getAuthor', {
      ...byId('/authors/{id}', id),
      headers: { 'if-none-match': 'W/"0", "1"' },
    });
    expect(same.status).toBe(304);
    expect(same.body).toBeUndefined();
    expect(same.headers.etag).toBe('"1"');
    // Weak comparison for If-None-Match: W/"1" names the same version.
    const weak = await f.api.call('getAuthor', {
      ...byId('/authors/{id}', id),
      headers: { 'if-none-match': 'W/"1"' },
    });
    expect(weak.status).toBe(304);

    await f.api.call('updateAuthor', { ...byId('/authors/{id}', id), body: { bio: 'x' } });
    const changed = await f.api.call('getAuthor', {
      ...byId('/authors/{id}', id),
      headers: { 'if-none-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body.bio).toBe('x');
  });

  it('a document that is not there stays a 404 whatever the precondition', async () => {
    const missing = new ObjectId().toHexString();
    const answer = await f.api.call('getBook', {
      ...byId('/books/{id}', missing),
      headers: { 'if-none-match': '*' },
    });
    expect(answer.status).toBe(404);
  });
});

describe('If-Match on PATCH and DELETE', () => {
  it('PATCH at the current version: 200 and the next ETag; at an old one: 412, nothing written', async () => {
    const created = await book(await f.author('Herbert'));
    const id = created.body._id;
    expect(created.headers.etag).toBe('"1"');

    const first = await patchBook(id, { title: 'Dune Messiah' }, '"1"');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"2"');

    // A second client still holding version 1 would overwrite the first one's change.
    const stale = await patchBook(id, { title: 'Children of Dune' }, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toBe('application/problem+json');
    expect(stale.body.type).toMatch(/\/problems\/precondition-failed$/);
    const stored = await f.db.collection('books').findOne({ _id: new ObjectId(id) });
    expect(stored).toMatchObject({ title: 'Dune Messiah', version: 2 });
  });

  it('a list of tags, `*`, weak tags and tags this API never issued', async () => {
    const id = (await book(await f.author('Banks'))).body._id;
    const patch = (etag: string, title: string) => patchBook(id, { title }, etag);
    expect((await patch('"7", "1"', 'A')).status).toBe(200);
    expect((await patch('*', 'B')).status).toBe(200);
    // If-Match compares strongly: a weak tag never matches (RFC 9110 §13.1.1).
    expect((await patch('W/"3"', 'C')).status).toBe(412);
    expect((await patch('"abc"', 'D')).status).toBe(412);
    expect((await patch('"3"', 'E')).status).toBe(200);
    expect((await f.api.call('getBook', byId('/books/{id}', id))).body).toMatchObject({
      title: 'E',
      version: 4,
    });
  });

  it('of two writers holding the same version exactly one wins', async () => {
    const id = (await book(await f.author('Jemisin'))).body._id;
    const answers = await Promise.all(
      ['A', 'B', 'C', 'D', 'E', 'F'].map((title) => patchBook(id, { title }, '"1"')),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412]);
    const winner = answers.find((a) => a.status === 200)?.body.title;
    const stored = await f.db.collection('books').findOne({ _id: new ObjectId(id) });
    expect(stored).toMatchObject({ title: winner, version: 2 });
  });

  it('DELETE at an old version is a 412 and the book, and its author’s count, stay', async () => {
    const authorId = await f.author('Herbert');
    const id = (await book(authorId)).body._id;
    await patchBook(id, { year: 1966 });

    const stale = await f.api.call('deleteBook', { ...byId('/books/{id}', id), ...tagged('"1"') });
    expect(stale.status).toBe(412);
    expect(await f.db.collection('books').countDocuments({ _id: new ObjectId(id) })).toBe(1);
    const author = await f.api.call('getAuthor', byId('/authors/{id}', authorId));
    expect(author.body.bookCount).toBe(1);

    const current = await f.api.call('deleteBook', {
      ...byId('/books/{id}', id),
      ...tagged('"2"'),
    });
    expect(current.status).toBe(204);
    expect((await f.api.call('getAuthor', byId('/authors/{id}', authorId))).body.bookCount).toBe(0);
  });

  it('a stale author rename changes neither the author nor the names in their books', async () => {
    const authorId = await f.author('Butler');
    await book(authorId);
    const bookCreated = (await f.api.call('getAuthor', byId('/authors/{id}', authorId))).headers
      .etag;
    expect(bookCreated).toBe('"2"'); // the book's insert counted it: a new version of the author
    const stale = await f.api.call('updateAuthor', {
      ...byId('/authors/{id}', authorId),
      body: { name: 'Octavia Butler' },
      ...tagged('"1"'),
    });
    expect(stale.status).toBe(412);
    const books = await f.db.collection('books').find({}).toArray();
    expect(books.map((b) => b.author.name)).toEqual(['Butler']);
  });

  it('users: stale DELETE 412, absent 404 whatever the tag', async () => {
    const created = await f.api.call('createUser', { path: '/users', body: { name: 'Ada' } });
    const id = created.body._id;
    await f.api.call('updateUser', { ...byId('/users/{id}', id), body: { name: 'Ada L' } });
    const stale = await f.api.call('deleteUser', { ...byId('/users/{id}', id), ...tagged('"1"') });
    expect(stale.status).toBe(412);
    const gone = await f.api.call('deleteUser', { ...byId('/users/{id}', id), ...tagged('"2"') });
    expect(gone.status).toBe(204);
    const again = await f.api.call('deleteUser', { ...byId('/users/{id}', id), ...tagged('"2"') });
    expect(again.status).toBe(404);
  });

  it('a malformed precondition is a 400 naming the header, before anything is written', async () => {
    const id = (await book(await f.author('Wolfe'))).body._id;
    const answer = await patchBook(id, { title: 'X' }, '1');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { pointer: '/headers/if-match', detail: 'is not an entity tag list' },
    ]);
    const got = await f.api.call('getBook', {
      ...byId('/books/{id}', id),
      headers: { 'if-none-match': 'nonsense' },
    });
    expect(got.status).toBe(400);
    expect((await f.db.collection('books').findOne({ _id: new ObjectId(id) }))?.title).toBe('Dune');
  });
});

describe('If-None-Match on PATCH and DELETE', () => {
  const noneMatch = (etag: string) => ({ headers: { 'if-none-match': etag } });
  it('writes only while the document is at none of the tags (weak comparison); `*` never', async () => {
    const id = (await book(await f.author('Jemisin'))).body._id;
    const path = byId('/books/{id}', id);
    for (const tags of ['"1"', 'W/"1"', '"7", "1"', '*']) {
      const refused = await f.api.call('updateBook', {
        ...path,
        body: { year: 2015 },
        ...noneMatch(tags),
      });
      expect(refused.status, tags).toBe(412);
    }
    expect(await f.db.collection('books').findOne({ _id: new ObjectId(id) })).toMatchObject({
      year: 1965,
      version: 1,
    });
    const other = await f.api.call('updateBook', {
      ...path,
      body: { year: 2015 },
      ...noneMatch('"7"'),
    });
    expect(other.status).toBe(200);
    expect(other.headers.etag).toBe('"2"');
    const stale = await f.api.call('deleteBook', { ...path, ...noneMatch('"2"') });
    expect(stale.status).toBe(412);
    expect((await f.api.call('deleteBook', { ...path, ...noneMatch('"1"') })).status).toBe(204);
    // Absent: the 404 the request gets without preconditions, whatever they say.
    expect((await f.api.call('deleteBook', { ...path, ...noneMatch('*') })).status).toBe(404);
  });
});
