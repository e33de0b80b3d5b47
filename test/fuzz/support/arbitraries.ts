import fc from 'fast-check';
import { GENRES } from '#lib/books/model.ts';
import { DEV_WRITE_TOKEN } from '#test/integration/api/support/events.ts';

/** What one fuzzed request carries, before it becomes an API Gateway event. */
export interface FuzzInput {
  readonly id: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
}

export interface FuzzIds {
  readonly author: string;
  readonly book: string;
  readonly user: string;
}

const hex24 = fc.stringMatching(/^[0-9a-f]{24}$/);
const int = (min: number, max: number) => fc.integer({ min, max });
/** Any text, including empty, padded, control and astral characters. */
const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });
/** Text the schemas accept: non-empty and already trimmed. */
const goodText = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max, unit: 'grapheme' })
    .filter((t) => t.trim() === t && t.length > 0);

/** Anything JSON can hold, shallow enough to stay fast. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
/** Mostly a value the field accepts (so success paths are reached), sometimes anything at all. */
const plausible = (right: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 9, arbitrary: right }, { weight: 1, arbitrary: fc.oneof(anyJson, text(40)) });

/**
 * An e-mail address: mostly a plain one, now and then one of RFC 5322's odder forms, which the
 * schema's stricter check mostly refuses (alone they made a quarter of the user bodies a 422).
 */
const email = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.stringMatching(
      /^[a-z0-9]{1,8}(?:[._+-][a-z0-9]{1,8}){0,2}@[a-z0-9]{1,12}\.[a-z]{2,6}$/,
    ),
  },
  { weight: 1, arbitrary: fc.emailAddress() },
);

function fieldsFor(ids: FuzzIds) {
  const edition = fc.record({ year: int(1400, 2100), publisher: goodText(100) });
  const book = {
    title: plausible(goodText(200)),
    year: plausible(int(1400, 2100)),
    authorId: plausible(fc.constantFrom(ids.author, ids.author, ids.author, ids.book)),
    genre: plausible(fc.constantFrom(...GENRES)),
    isbn: plausible(fc.stringMatching(/^\d{9}[\dX]$/)),
    tags: plausible(fc.array(goodText(30), { maxLength: 20 })),
    editions: plausible(fc.array(edition, { maxLength: 3 })),
    rating: plausible(fc.double({ min: 0, max: 5, noNaN: true })),
    price: plausible(fc.stringMatching(/^(0|[1-9]\d{0,5})(\.\d{1,2})?$/)),
  };
  return {
    user: { name: plausible(goodText(50)), email: plausible(email) },
    author: {
      name: plausible(goodText(100)),
      bio: plausible(goodText(300)),
      born: plausible(int(-3000, 2100)),
    },
    authorPatch: {
      name: plausible(goodText(100)),
      bio: plausible(fc.oneof(goodText(30), fc.constant(null))),
      born: plausible(fc.oneof(int(-3000, 2100), fc.constant(null))),
    },
    book,
    // The nested POST /authors/{id}/books takes its author from the path.
    authorBook: Object.fromEntries(Object.entries(book).filter(([key]) => key !== 'authorId')),
    // PATCH takes the plain fields only; authorId and editions would make every body a 422.
    bookPatch: {
      title: book.title,
      year: book.year,
      genre: book.genre,
      tags: book.tags,
      isbn: plausible(fc.oneof(fc.stringMatching(/^\d{9}[\dX]$/), fc.constant(null))),
      rating: plausible(fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), fc.constant(null))),
      price: plausible(fc.oneof(book.price, fc.constant(null))),
      addTag: plausible(goodText(30)),
      addEdition: plausible(edition),
    },
  };
}

/**
 * A body made of the route's fields, with now and then a stray key or value. Any subset of them,
 * or (for a whole document, `required` given) mostly one that carries every required field: PUT
 * succeeds only then, and with every field optional a run of 1,000 could miss success entirely.
 */
function record(fields: Record<string, fc.Arbitrary<unknown>>, required?: readonly string[]) {
  const subset = fc.record(fields, { requiredKeys: [] });
  const base = required
    ? fc.oneof(
        { weight: 3, arbitrary: fc.record(fields, { requiredKeys: [...required] }) },
        { weight: 1, arbitrary: subset },
      )
    : subset;
  return fc.oneof(
    { weight: 6, arbitrary: base },
    {
      weight: 1,
      arbitrary: fc.tuple(base, fc.string(), anyJson).map(([b, k, v]) => ({ ...b, [k]: v })),
    },
    { weight: 1, arbitrary: anyJson },
  );
}

/** Whole documents (PUT, nested POST): mostly with every field their schema requires. */
const WHOLE = Object.freeze({
  userWhole: { of: 'user', required: ['name'] },
  authorWhole: { of: 'author', required: ['name'] },
  bookWhole: { of: 'book', required: ['title', 'year', 'authorId'] },
  authorBookWhole: { of: 'authorBook', required: ['title', 'year'] },
} as const);
const isWhole = (kind: BodyKind): kind is keyof typeof WHOLE => Object.hasOwn(WHOLE, kind);

export type BodyKind = keyof ReturnType<typeof fieldsFor> | keyof typeof WHOLE | 'bulk';

export function bodyArbitrary(kind: BodyKind, ids: FuzzIds): fc.Arbitrary<unknown> {
  const fields = fieldsFor(ids);
  if (isWhole(kind)) return record(fields[WHOLE[kind].of], WHOLE[kind].required);
  if (kind !== 'bulk') return record(fields[kind]);
  return record({
    books: fc.array(record(fields.book), { minLength: 0, maxLength: 6 }),
    ordered: plausible(fc.boolean()),
  });
}

/** The body as sent: JSON text (mostly), raw text, or base64 of JSON or of random bytes. */
function encoded(body: fc.Arbitrary<unknown>) {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: body.map((b) => ({ body: JSON.stringify(b) as string | undefined, b64: false })),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 50 })
        .map((s) => ({ body: s as string | undefined, b64: false })),
    },
    {
      weight: 1,
      arbitrary: body.map((b) => ({
        body: Buffer.from(JSON.stringify(b)).toString('base64') as string | undefined,
        b64: true,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 64 })
        .map((u) => ({ body: Buffer.from(u).toString('base64') as string | undefined, b64: true })),
    },
    { weight: 1, arbitrary: fc.constant({ body: undefined as string | undefined, b64: false }) },
  );
}

const QUERY_KEYS = [
  'page',
  'perPage',
  'cursor',
  'limit',
  'withTotal',
  'year',
  'withBookCount',
  'sort',
  'q',
  'year[gte]',
  'tags',
  'genre',
  'price[lte]',
  'createdAt[gte]',
  'fields',
];
const queryValue = fc.oneof(
  fc.integer({ min: -5, max: 200 }).map(String),
  fc.constantFrom('true', 'false', '', '1e400', 'NaN', '0x10', ' 3 '),
  fc.constantFrom('title', '-year', 'name', '-bookCount', '$natural', '"dune" -sf', '-'),
  fc.constantFrom(
    'title,year',
    '_id',
    'name,email',
    'author.name,price',
    'version',
    'name,',
    'a.b',
  ),
  fc.string({ maxLength: 30 }),
  fc.base64String({ maxLength: 80 }),
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 12 })),
  queryValue,
  { maxKeys: 4 },
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/problem+json',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/jsonx',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const authorization = fc.oneof(
  { weight: 8, arbitrary: fc.constant(`Bearer ${DEV_WRITE_TOKEN}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      'Bearer',
      'Basic YTpi',
      `bearer ${DEV_WRITE_TOKEN}`,
      `Bearer ${DEV_WRITE_TOKEN}x`,
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`) },
);
/**
 * If-Match / If-None-Match: absent two times in three, else tags that match, miss, or do not
 * parse. (Present two times in three, as `fc.option`'s `freq: 3` made them, most conditional
 * writes were 412s: updateBook and deleteBook succeeded 6–10 times in 1,000.)
 */
const precondition = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom('"1"', '"2"', 'W/"1"', '*', '"1", "0"', '"01"', '"9007199254740993"'),
      fc.string({ maxLength: 20 }),
      fc.string({ maxLength: 12 }).map((s) => `"${s}"`),
    ),
  },
);
/** Accept-Encoding: list routes compress; odd q-values and codings must not break them. */
const acceptEncoding = fc.option(
  fc.oneof(
    fc.constantFrom('br', 'gzip, deflate, br', 'br;q=0', '*', 'gzip;q=abc', 'zstd', 'identity;q=0'),
    fc.string({ maxLength: 20 }),
  ),
  { nil: undefined, freq: 2 },
);
const headers = fc
  .tuple(
    contentType,
    authorization,
    fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 }), {
      maxKeys: 2,
    }),
    precondition,
    precondition,
    fc.option(fc.oneof(fc.constantFrom('k1', '"k1"', '""', 'a b'), fc.string({ maxLength: 8 })), {
      nil: undefined,
      freq: 3,
    }),
    acceptEncoding,
  )
  .map(([type, auth, extra, ifMatch, ifNoneMatch, idempotencyKey, encoding]) => ({
    ...extra,
    'content-type': type,
    authorization: auth,
    ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
    ...(ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch }),
    ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
    ...(encoding === undefined ? {} : { 'accept-encoding': encoding }),
  }));

/** One request to a route: its `{id}`, query, headers and (for body routes) body. */
export function requestArbitrary(
  ids: FuzzIds,
  kind: BodyKind | undefined,
  idOf?: keyof FuzzIds,
): fc.Arbitrary<FuzzInput> {
  const id = fc.oneof(
    { weight: 4, arbitrary: fc.constant(idOf ? ids[idOf] : '') },
    { weight: 2, arbitrary: hex24 },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );
  const body = kind
    ? encoded(bodyArbitrary(kind, ids))
    : fc.constant({ body: undefined, b64: false });
  return fc.record({ id, query, headers, body }).map((r) => ({
    id: r.id,
    query: r.query,
    headers: r.headers,
    body: r.body.body,
    isBase64Encoded: r.body.b64,
  }));
}
