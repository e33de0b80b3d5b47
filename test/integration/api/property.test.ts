import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENRES } from '#lib/books/model.ts';
import { byId, useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_property', false);

/** Strings the schemas keep as they are: already trimmed, no lone surrogates. */
const text = (min: number, max: number) =>
  fc
    .string({ minLength: min, maxLength: max, unit: 'grapheme' })
    .filter((s) => s.trim() === s && s.length >= min);
const int = (min: number, max: number) => fc.integer({ min, max });

const validAuthor = fc.record(
  { name: text(1, 100), bio: text(0, 200), born: int(-3000, 2100) },
  { requiredKeys: ['name'] },
);
const validBook = fc.record(
  {
    title: text(1, 200),
    year: int(1400, 2100),
    genre: fc.constantFrom(...GENRES),
    tags: fc.array(text(1, 30), { maxLength: 20 }),
    editions: fc.array(fc.record({ year: int(1400, 2100), publisher: text(1, 100) }), {
      maxLength: 5,
    }),
    rating: fc.double({ min: 0, max: 5, noNaN: true }).filter((r) => !Object.is(r, -0)),
    price: fc.stringMatching(/^(0|[1-9]\d{0,5})(\.\d{1,2})?$/),
  },
  { requiredKeys: ['title', 'year'] },
);

/** One change that breaks exactly one rule of the author schema. */
const invalidAuthor = fc.oneof(
  validAuthor.map((a) => ({ ...a, name: '' })),
  validAuthor.chain((a) => text(101, 140).map((name) => ({ ...a, name }))),
  validAuthor.chain((a) =>
    fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((n) => !Number.isInteger(n))
      .map((born) => ({ ...a, born })),
  ),
  validAuthor.chain((a) => int(2101, 1_000_000).map((born) => ({ ...a, born }))),
  validAuthor.chain((a) =>
    fc
      .string({ minLength: 1 })
      .filter((k) => !['name', 'bio', 'born'].includes(k))
      .map((k) => ({ ...a, [k]: 1 })),
  ),
  validAuthor.map((a) => ({ ...a, name: { $gt: '' } })),
  validAuthor.map((a) => ({ ...a, bookCount: 5 })),
);

describe('property: create then get', () => {
  it('random valid authors round-trip exactly', async () => {
    await fc.assert(
      fc.asyncProperty(validAuthor, async (author) => {
        const created = await f.api.call('createAuthor', { path: '/authors', body: author });
        expect(created.status).toBe(201);
        const got = await f.api.call('getAuthor', byId('/authors/{id}', created.body._id));
        expect(got.body).toEqual({
          ...author,
          bookCount: 0,
          _id: created.body._id,
          createdAt: created.body.createdAt,
          updatedAt: created.body.updatedAt,
          version: 1,
        });
        expect(got.body).toEqual(created.body);
      }),
      { numRuns: 60 },
    );
  });

  it('random valid books (embedded arrays, enums, doubles) round-trip exactly', async () => {
    const authorId = (
      await f.api.call('createAuthor', { path: '/authors', body: { name: 'Prop' } })
    ).body._id;
    await fc.assert(
      fc.asyncProperty(validBook, async (book) => {
        // isbn is left out: it is unique, and shrinking would replay the same value.
        const body = book;
        const created = await f.api.call('createAuthorBook', {
          ...byId('/authors/{id}/books', authorId),
          body,
        });
        expect(created.status).toBe(201);
        const got = await f.api.call('getBook', byId('/books/{id}', created.body._id));
        expect(got.body).toEqual({
          genre: 'fiction',
          tags: [],
          editions: [],
          ...body,
          authorId,
          author: { name: 'Prop' },
          _id: created.body._id,
          createdAt: created.body.createdAt,
          updatedAt: created.body.updatedAt,
          version: 1,
        });
      }),
      { numRuns: 40 },
    );
  });

  it('random invalid authors get a 422 and nothing is written', async () => {
    const before = await f.db.collection('authors').countDocuments();
    await fc.assert(
      fc.asyncProperty(invalidAuthor, async (author) => {
        const answer = await f.api.call('createAuthor', { path: '/authors', body: author });
        expect(answer.status).toBe(422);
        expect(answer.body.type).toBe('/problems/validation-failed');
      }),
      { numRuns: 80 },
    );
    expect(await f.db.collection('authors').countDocuments()).toBe(before);
  });
});
