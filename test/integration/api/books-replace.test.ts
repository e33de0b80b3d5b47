import { Decimal128, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

// PUT /books/{id}: the book and its authors' counts change together (one transaction), and a
// refused PUT leaves every count as it was.
const f = useLibrary('api_books_put');

const put = (id: string, body: object, headers: Record<string, string> = {}) =>
  f.api.call('replaceBook', { ...byId('/books/{id}', id), body, headers });
/** A PUT body: the required fields, and any others. */
const book = (title: string, year: number, authorId: string, rest: object = {}) => ({
  title,
  year,
  authorId,
  ...rest,
});
const countOf = async (authorId: string) =>
  (await f.db.collection('authors').findOne({ _id: new ObjectId(authorId) }))?.bookCount;
const storedBook = (id: string) => f.db.collection('books').findOne({ _id: new ObjectId(id) });

describe('PUT /books/{id}', () => {
  it('replaces in place, then moves the book and its count to another author', async () => {
    const leGuin = await f.author('Ursula Le Guin');
    const butler = await f.author('Octavia Butler');
    const [id = ''] = await f.booksWith(leGuin, [{ title: 'Dune', year: 1965, tags: ['sf'] }]);
    const same = await put(id, book('The Dispossessed', 1974, leGuin, { price: '12.50' }));
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({
      title: 'The Dispossessed',
      author: { name: 'Ursula Le Guin' },
      price: '12.50',
    });
    // A decimal128, as the collection's validator requires: not a double.
    expect((await storedBook(id))?.price).toEqual(Decimal128.fromString('12.50'));
    expect(same.body.tags).toEqual([]);
    expect([await countOf(leGuin), await countOf(butler)]).toEqual([1, 0]);

    const moved = await put(id, book('Kindred', 1979, butler));
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ authorId: butler, author: { name: 'Octavia Butler' } });
    expect([await countOf(leGuin), await countOf(butler)]).toEqual([0, 1]);
  });

  it('creates at a new id and counts it; an unknown author is a 422 and nothing changes', async () => {
    const author = await f.author('Iain Banks');
    const id = new ObjectId().toHexString();
    const created = await put(id, book('Excession', 1996, author, { price: '9.99' }));
    expect(created.status).toBe(201);
    expect((await storedBook(id))?.price).toEqual(Decimal128.fromString('9.99'));
    expect(created.headers.location).toBe(`/books/${id}`);
    expect(await countOf(author)).toBe(1);

    const unknown = await put(id, book('X', 1996, new ObjectId().toHexString()));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/body/authorId' })]);
    const embedded = await put(id, book('X', 1996, author, { author: { name: 'x' } }));
    expect(embedded.status).toBe(422);
    expect(await storedBook(id)).toMatchObject({ title: 'Excession', version: 1 });
    expect(await countOf(author)).toBe(1);
  });

  it('a refused precondition rolls the count move back', async () => {
    const from = await f.author('Ann Leckie');
    const to = await f.author('Ted Chiang');
    const [id = ''] = await f.books(from, [2013]);
    const stale = await put(id, book('Moved', 2013, to), { 'if-match': '"9"' });
    expect(stale.status).toBe(412);
    const create = await put(id, book('Moved', 2013, to), { 'if-none-match': '*' });
    expect(create.status).toBe(412);
    expect([await countOf(from), await countOf(to)]).toEqual([1, 0]);
    expect(await storedBook(id)).toMatchObject({ authorId: new ObjectId(from), version: 1 });
  });
});
