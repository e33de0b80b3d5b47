import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_library_tx', false);

async function author(name: string): Promise<string> {
  return (await f.api.call('createAuthor', { path: '/authors', body: { name } })).body._id;
}
const bookCount = async (id: string) =>
  (await f.api.call('getAuthor', byId('/authors/{id}', id))).body.bookCount;

describe('book writes and the author counter share one transaction', () => {
  it('POST /authors/{id}/books creates the book with the author name and increments bookCount', async () => {
    const a = await author('Tolkien');
    const answer = await f.api.call('createAuthorBook', {
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
        await f.api.call('createAuthorBook', {
          ...byId('/authors/{id}/books', '65a1b2c3d4e5f60718293a4b'),
          body: { title: 'X', year: 2000 },
        })
      ).status,
    ).toBe(404);
  });

  it('POST /books names the author in the body; an unknown author is a 422 on /body/authorId', async () => {
    const a = await author('Pratchett');
    const created = await f.api.call('createBook', {
      path: '/books',
      body: { title: 'Mort', year: 1987, authorId: a },
    });
    expect(created.status).toBe(201);
    expect(await bookCount(a)).toBe(1);
    const unknown = await f.api.call('createBook', {
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
      (await f.api.call('createAuthorBook', { ...byId('/authors/{id}/books', a), body })).status,
    ).toBe(201);
    const duplicate = await f.api.call('createAuthorBook', {
      ...byId('/authors/{id}/books', a),
      body,
    });
    expect(duplicate.status).toBe(409);
    expect(await bookCount(a)).toBe(1);
    expect(
      await f.db
        .collection('books')
        .countDocuments({ authorId: { $exists: true }, isbn: body.isbn }),
    ).toBe(1);
  });

  it('DELETE /books/{id} removes the book and decrements the count; then 404', async () => {
    const a = await author('Banks');
    const book = await f.api.call('createAuthorBook', {
      ...byId('/authors/{id}/books', a),
      body: { title: 'Excession', year: 1996 },
    });
    expect((await f.api.call('deleteBook', byId('/books/{id}', book.body._id))).status).toBe(204);
    expect(await bookCount(a)).toBe(0);
    expect((await f.api.call('deleteBook', byId('/books/{id}', book.body._id))).status).toBe(404);
    expect((await f.api.call('deleteAuthor', byId('/authors/{id}', a))).status).toBe(204);
  });

  it('renaming an author rewrites the name embedded in their books (same transaction)', async () => {
    const a = await author('Sam Clemens');
    const other = await author('Other');
    for (const [id, title] of [
      [a, 'Tom Sawyer'],
      [a, 'Huckleberry Finn'],
      [other, 'Else'],
    ] as const) {
      await f.api.call('createAuthorBook', {
        ...byId('/authors/{id}/books', id),
        body: { title, year: 1880 },
      });
    }
    const renamed = await f.api.call('updateAuthor', {
      ...byId('/authors/{id}', a),
      body: { name: 'Mark Twain' },
    });
    expect(renamed.body.name).toBe('Mark Twain');
    const list = await f.api.call('listAuthorBooks', byId('/authors/{id}/books', a));
    expect(list.body.items.map((b: { author: { name: string } }) => b.author.name)).toEqual([
      'Mark Twain',
      'Mark Twain',
    ]);
    const untouched = await f.api.call('listAuthorBooks', byId('/authors/{id}/books', other));
    expect(untouched.body.items[0].author.name).toBe('Other');
    const rejected = await f.api.call('updateAuthor', {
      ...byId('/authors/{id}', a),
      body: { name: '' },
    });
    expect(rejected.status).toBe(422);
  });
});
