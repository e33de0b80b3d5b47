import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

// PATCH /books/{id} with addTag/addEdition on a book whose array is at its bound (20 tags, 50
// editions): a 422 naming the field, the book unchanged; found by the fuzz, which had met the
// collection validator's bare refusal after thousands of appended editions.
const f = useLibrary('api_books_bounds');

describe('PATCH /books/{id} appending to a full array', () => {
  it('answers 422 at the field and changes nothing', async () => {
    const author = await f.author('Ursula Le Guin');
    const tags = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const [id = ''] = await f.booksWith(author, [{ title: 'Earthsea', year: 1968, tags }]);
    const answer = await f.api.call('updateBook', {
      ...byId('/books/{id}', id),
      body: { addTag: 'one-more', title: 'A Wizard of Earthsea' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('/problems/validation-failed');
    expect(answer.body.errors).toEqual([
      { pointer: '/body/tags', detail: 'already holds 20 values, the most it can' },
    ]);
    const stored = await f.db.collection('books').findOne({ _id: new ObjectId(id) });
    expect(stored).toMatchObject({ title: 'Earthsea', version: 1 });
    expect(stored?.tags).toHaveLength(20);
    // With room again, the same request goes through.
    const trimmed = await f.api.call('updateBook', {
      ...byId('/books/{id}', id),
      body: { tags: tags.slice(1) },
    });
    expect(trimmed.status).toBe(200);
    const appended = await f.api.call('updateBook', {
      ...byId('/books/{id}', id),
      body: { addTag: 'one-more' },
    });
    expect(appended.status).toBe(200);
    expect(appended.body.tags).toHaveLength(20);
  });
});
