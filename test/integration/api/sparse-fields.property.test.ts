import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

// Random books and random `?fields=` selections: the sparse answer must be exactly the whole
// answer cut down to `_id` and the selected paths, as a MongoDB projection cuts a document
// (a dotted path into an array of documents keeps that field of each element).
const f = useLibrary('api_fields_property');

const PATHS = [
  '_id',
  'title',
  'year',
  'authorId',
  'author',
  'author.name',
  'genre',
  'isbn',
  'tags',
  'editions',
  'editions.year',
  'editions.publisher',
  'rating',
  'price',
  'createdAt',
  'updatedAt',
  'version',
] as const;

type Json = Record<string, unknown>;

/** The reference: `path` of `from` copied into `into`, through arrays of documents. */
function copyPath(from: unknown, into: Json, [key, ...rest]: string[]): void {
  if (key === undefined || typeof from !== 'object' || from === null) return;
  const value = (from as Json)[key];
  if (value === undefined) return;
  if (rest.length === 0) {
    into[key] = value;
    return;
  }
  if (Array.isArray(value)) {
    const existing = (into[key] as Json[] | undefined) ?? value.map(() => ({}));
    value.forEach((element, i) => {
      if (typeof element === 'object' && element !== null)
        copyPath(element, existing[i] ?? {}, rest);
    });
    into[key] = existing.filter((_, i) => typeof value[i] === 'object' && value[i] !== null);
    return;
  }
  const nested = (into[key] as Json | undefined) ?? {};
  copyPath(value, nested, rest);
  if (Object.keys(nested).length > 0 || typeof value === 'object') into[key] = nested;
}

function projected(whole: Json, selection: readonly string[]): Json {
  const out: Json = { _id: whole._id };
  // A path under another selected one adds nothing (the API drops it, as MongoDB refuses both).
  const kept = selection.filter((p) => !selection.some((q) => p.startsWith(`${q}.`)));
  for (const path of kept) copyPath(whole, out, path.split('.'));
  return out;
}

const edition = fc.record({
  year: fc.integer({ min: 1400, max: 2100 }),
  publisher: fc.constantFrom('Ace', 'Orb', 'Tor'),
});
const book = fc.record(
  {
    title: fc.constantFrom('Dune', 'Ubik', 'Solaris'),
    year: fc.integer({ min: 1400, max: 2100 }),
    tags: fc.array(fc.constantFrom('sf', 'classic'), { maxLength: 3 }),
    editions: fc.array(edition, { maxLength: 3 }),
    isbn: fc.constantFrom('0441172717', '9780441172719'),
    rating: fc.double({ min: 0, max: 5, noNaN: true }),
    price: fc.constantFrom('9.99', '12.50'),
  },
  { requiredKeys: ['title', 'year'] },
);
const selection = fc.uniqueArray(fc.constantFrom(...PATHS), { minLength: 1, maxLength: 5 });

describe('?fields= against a reference projection', () => {
  it('answers exactly the selected paths of the whole document, for 60 random cases', async () => {
    const authorId = await f.author('Random');
    await fc.assert(
      fc.asyncProperty(book, selection, async (fields, chosen) => {
        await f.db.collection('books').deleteMany({ isbn: fields.isbn ?? null });
        const [id] = await f.booksWith(authorId, [fields]);
        const whole = await f.api.call('getBook', byId('/books/{id}', String(id)));
        const sparse = await f.api.call(
          'getBook',
          byId(`/books/{id}?fields=${chosen.join(',')}`, String(id)),
        );
        expect(sparse.status).toBe(200);
        expect(sparse.body).toEqual(projected(whole.body, chosen));
        expect(sparse.headers.etag).toBe(whole.headers.etag);
        const listed = await f.api.call('listBooks', {
          path: `/books?year=${fields.year}&fields=${chosen.join(',')}`,
        });
        expect(listed.body.items).toContainEqual(projected(whole.body, chosen));
      }),
      { numRuns: 60 },
    );
  });
});
