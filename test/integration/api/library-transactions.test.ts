import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupDatabase } from '#lib/setup/index.ts';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { type Library, loadLibrary } from './support/library.ts';

const DB = uniqueDbName('api_library_tx');
let api: Library;
let client: MongoClient;

beforeAll(async () => {
  client = await connectTestClient();
  await setupDatabase(client.db(DB));
  api = await loadLibrary({
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: DB,
    MONGODB_URI_SSM_PARAMETER: undefined,
  });
});
afterAll(async () => {
  await api?.mongo.resetMongoClient();
  await client.db(DB).dropDatabase();
  await client.close();
});
beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

const byId = (path: string, id: string) => ({
  path: path.replace('{id}', id),
  pathParameters: { id },
});
async function author(name: string): Promise<string> {
  return (await api.call('createAuthor', { path: '/authors', body: { name } })).body._id;
}
const bookCount = async (id: string) =>
  (await api.call('getAuthor', byId('/authors/{id}', id))).body.bookCount;

describe('book writes and the author counter share one transaction', () => {
  it('POST /authors/{id}/books creates the book with the author name and increments bookCount', async () => {
    const a = await author('Tolkien');
    const answer = await api.call('createAuthorBook', {
      ...byId('/authors/{id}/books', a),
      body: { title: 'The Hobbit', year: 1937 },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      title: 'The Hobbit',
      authorId: a,
      author: { name: 'Tolkien' },
    });
    expect(answer.headers.location).toBe(`/books/${answer.body._id}`);
    expect(await bookCount(a)).toBe(1);
    expect(
      (
        await api.call('createAuthorBook', {
          ...byId('/authors/{id}/books', '65a1b2c3d4e5f60718293a4b'),
          body: { title: 'X', year: 2000 },
        })
      ).status,
    ).toBe(404);
  });

  it('POST /books names the author in the body; an unknown author is a 422 on /body/authorId', async () => {
    const a = await author('Pratchett');
    const created = await api.call('createBook', {
      path: '/books',
      body: { title: 'Mort', year: 1987, authorId: a },
    });
    expect(created.status).toBe(201);
    expect(await bookCount(a)).toBe(1);
    const unknown = await api.call('createBook', {
      path: '/books',
      body: { title: 'X', year: 1987, authorId: '65a1b2c3d4e5f60718293a4b' },
    });
    expect([unknown.status, unknown.body.errors]).toEqual([
      422,
      [{ pointer: '/body/authorId', detail: 'no author has this id' }],
    ]);
  });

  it('a failing book insert (duplicate ISBN) rolls back the increment', async () => {
    const a = await author('Gibson');
    const body = { title: 'Neuromancer', year: 1984, isbn: '0441569595' };
    expect(
      (await api.call('createAuthorBook', { ...byId('/authors/{id}/books', a), body })).status,
    ).toBe(201);
    const duplicate = await api.call('createAuthorBook', {
      ...byId('/authors/{id}/books', a),
      body,
    });
    expect(duplicate.status).toBe(409);
    expect(await bookCount(a)).toBe(1);
    expect(
      await client
        .db(DB)
        .collection('books')
        .countDocuments({ authorId: { $exists: true }, isbn: body.isbn }),
    ).toBe(1);
  });

  it('DELETE /books/{id} removes the book and decrements the count; then 404', async () => {
    const a = await author('Banks');
    const book = await api.call('createAuthorBook', {
      ...byId('/authors/{id}/books', a),
      body: { title: 'Excession', year: 1996 },
    });
    expect((await api.call('deleteBook', byId('/books/{id}', book.body._id))).status).toBe(204);
    expect(await bookCount(a)).toBe(0);
    expect((await api.call('deleteBook', byId('/books/{id}', book.body._id))).status).toBe(404);
    expect((await api.call('deleteAuthor', byId('/authors/{id}', a))).status).toBe(204);
  });

  it('renaming an author rewrites the name embedded in their books (same transaction)', async () => {
    const a = await author('Sam Clemens');
    const other = await author('Other');
    for (const [id, title] of [
      [a, 'Tom Sawyer'],
      [a, 'Huckleberry Finn'],
      [other, 'Else'],
    ] as const) {
      await api.call('createAuthorBook', {
        ...byId('/authors/{id}/books', id),
        body: { title, year: 1880 },
      });
    }
    const renamed = await api.call('updateAuthor', {
      ...byId('/authors/{id}', a),
      body: { name: 'Mark Twain' },
    });
    expect(renamed.body.name).toBe('Mark Twain');
    const list = await api.call('listAuthorBooks', byId('/authors/{id}/books', a));
    expect(list.body.items.map((b: { author: { name: string } }) => b.author.name)).toEqual([
      'Mark Twain',
      'Mark Twain',
    ]);
    const untouched = await api.call('listAuthorBooks', byId('/authors/{id}/books', other));
    expect(untouched.body.items[0].author.name).toBe('Other');
    const rejected = await api.call('updateAuthor', {
      ...byId('/authors/{id}', a),
      body: { name: '' },
    });
    expect(rejected.status).toBe(422);
  });
});
