import { Binary, type Db, ObjectId, Timestamp } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

const ID = new ObjectId('0123456789abcdef01234567');

/** The one document of `collection`, projected to `fields` (without `_id`). */
async function projected(db: Db, collection: string, fields: Record<string, unknown>) {
  const [doc] = await db
    .collection(collection)
    .aggregate([{ $project: { _id: 0, ...fields } }])
    .toArray();
  return doc;
}

/** The server error code of projecting `expression` on `collection`'s first document. */
async function refusal(db: Db, collection: string, expression: unknown): Promise<unknown> {
  return (await failure(projected(db, collection, { v: expression }))).code;
}

describe('expression operators localdb computes itself (conversion-operators.ts)', () => {
  const own = useTestDb('expression_operators', (db) =>
    db.collection('items').insertOne({
      _id: ID,
      hex: ID.toHexString(),
      bad: 'not an id',
      text: 'héllo wörld',
      stamp: new Timestamp({ t: 100, i: 7 }),
      bytes: new Binary(Buffer.from([1, 2, 3])),
    } as never),
  );
  const computed = (fields: Record<string, unknown>) => projected(own.db, 'items', fields);

  it('converts between ObjectId and its hex string', async () => {
    expect(
      await computed({
        hexOfId: { $toString: '$_id' },
        idOfHex: { $toObjectId: '$hex' },
        converted: { $convert: { input: '$hex', to: 'objectId' } },
        back: { $convert: { input: '$_id', to: 'string' } },
        fallback: { $convert: { input: '$bad', to: 'objectId', onError: 'none' } },
        missing: { $toObjectId: '$nothing' },
        same: { $eq: ['$_id', { $toObjectId: '$hex' }] },
        created: { $toDate: '$_id' },
        createdToo: { $convert: { input: '$_id', to: 'date' } },
      }),
    ).toEqual({
      created: ID.getTimestamp(),
      createdToo: ID.getTimestamp(),
      hexOfId: ID.toHexString(),
      idOfHex: ID,
      converted: ID,
      back: ID.toHexString(),
      fallback: 'none',
      missing: null,
      same: true,
    });
    await expect(computed({ x: { $toObjectId: '$bad' } })).rejects.toMatchObject({ code: 241 });
  });

  it('computes $indexOfCP, $binarySize, $bsonSize, $tsSecond and $tsIncrement', async () => {
    const doc = await computed({
      at: { $indexOfCP: ['$text', 'w'] },
      none: { $indexOfCP: ['$text', 'z'] },
      textBytes: { $binarySize: '$text' },
      dataBytes: { $binarySize: '$bytes' },
      seconds: { $tsSecond: '$stamp' },
      increment: { $tsIncrement: '$stamp' },
      size: { $bsonSize: { a: 1 } },
    });
    expect(doc).toMatchObject({ at: 6, none: -1, textBytes: 13, dataBytes: 3, size: 12 });
    expect(Number(doc?.seconds)).toBe(100);
    expect(Number(doc?.increment)).toBe(7);
  });
});

describe('arithmetic expressions where mingo and MongoDB part ways (math-operators.ts)', () => {
  const own = useTestDb('math_operators', (db) =>
    db.collection('numbers').insertOne({ _id: 1, zero: 0, minus: -4, x: 2.5 } as never),
  );
  const computed = (fields: Record<string, unknown>) => projected(own.db, 'numbers', fields);
  const refused = (expression: unknown) => refusal(own.db, 'numbers', expression);

  it('takes $round and $trunc with one argument, and $mod of null as null', async () => {
    expect(
      await computed({
        round: { $round: '$x' },
        trunc: { $trunc: '$x' },
        roundAt: { $round: [1.23456, 2] },
        mod: { $mod: [null, 2] },
        ln: { $ln: 1 },
      }),
    ).toEqual({ round: 2, trunc: 2, roundAt: 1.23, mod: null, ln: 0 });
  });

  it('refuses logarithms of numbers that are not positive, and $mod by zero', async () => {
    expect(await refused({ $ln: '$zero' })).toBe(28766);
    expect(await refused({ $ln: '$minus' })).toBe(28766);
    expect(await refused({ $log10: '$zero' })).toBe(28761);
    expect(await refused({ $log: [100, 1] })).toBe(28759);
    expect(await refused({ $mod: [5, '$zero'] })).toBe(16610);
    expect(await refused({ $mod: ['five', 2] })).toBe(16611);
  });
});

describe('string expressions on UTF-8 bytes and ASCII case, as mongod (string-operators.ts)', () => {
  const own = useTestDb('string_operators', (db) =>
    db.collection('texts').insertOne({ _id: 1, s: 'héllo wörld' } as never),
  );
  const computed = (fields: Record<string, unknown>) => projected(own.db, 'texts', fields);

  it('finds $indexOfBytes at byte offsets, within start and end', async () => {
    expect(
      await computed({
        l: { $indexOfBytes: ['$s', 'l'] },
        o: { $indexOfBytes: ['$s', 'o', 5] },
        beforeEnd: { $indexOfBytes: ['$s', 'w', 0, 7] },
        none: { $indexOfBytes: [null, 'a'] },
      }),
    ).toEqual({ l: 3, o: 5, beforeEnd: -1, none: null });
  });

  it('changes and compares the case of ASCII letters only', async () => {
    expect(
      await computed({
        upper: { $toUpper: '$s' },
        lower: { $toLower: 'HÉLLO' },
        ofNull: { $toUpper: null },
        sameAscii: { $strcasecmp: ['abc', 'ABC'] },
        accented: { $strcasecmp: ['héllo', 'HÉLLO'] },
      }),
    ).toEqual({ upper: 'HéLLO WöRLD', lower: 'hÉllo', ofNull: '', sameAscii: 0, accented: 1 });
  });
});

describe('expressions where mongod is stricter or calendar-aware (comparison-operators.ts, strict-expressions.ts, date-arithmetic.ts)', () => {
  const own = useTestDb('strict_expressions', (db) =>
    db.collection('rows').insertMany([{ _id: 1, deletedAt: null }, { _id: 2 }] as never[]),
  );
  const rows = () => own.db.collection('rows');
  const first = (fields: Record<string, unknown>) => projected(own.db, 'rows', fields);
  const refused = (expression: unknown) => refusal(own.db, 'rows', expression);

  it('tells a missing field from null in expressions, unlike in queries', async () => {
    const ids = async (filter: object) => (await rows().find(filter).toArray()).map((d) => d._id);
    expect(await ids({ deletedAt: null })).toEqual([1, 2]);
    expect(await ids({ $expr: { $eq: ['$deletedAt', null] } })).toEqual([1]);
    expect(await ids({ $expr: { $lt: ['$deletedAt', null] } })).toEqual([2]);
  });

  it('refuses $size of a non-array, $split on an empty separator, and a $switch with no branch taken', async () => {
    expect(await refused({ $size: '$nothing' })).toBe(17124);
    expect(await refused({ $split: ['abc', ''] })).toBe(40087);
    // A $switch branch is { case, then }: built from entries, since an object literal with a
    // `then` key reads as a thenable to the linter.
    const branch = Object.fromEntries([
      ['case', false],
      ['then', 1],
    ]);
    expect(await refused({ $switch: { branches: [branch] } })).toBe(40066);
  });

  it('adds months to the last day of a shorter month, and days in wall-clock time of a timezone', async () => {
    const jan31 = await first({
      month: {
        $dateAdd: { startDate: new Date('2026-01-31T00:00:00Z'), unit: 'month', amount: 1 },
      },
      back: {
        $dateSubtract: { startDate: new Date('2026-01-31T00:00:00Z'), unit: 'year', amount: 2 },
      },
    });
    expect(jan31?.month).toEqual(new Date('2026-02-28T00:00:00Z'));
    expect(jan31?.back).toEqual(new Date('2024-01-31T00:00:00Z'));
    const beforeDst = await first({
      parisDay: {
        $dateAdd: {
          startDate: new Date('2026-03-28T12:00:00Z'),
          unit: 'day',
          amount: 1,
          timezone: 'Europe/Paris',
        },
      },
    });
    // Paris moves its clocks forward on 2026-03-29: that day has 23 hours.
    expect(beforeDst?.parisDay).toEqual(new Date('2026-03-29T11:00:00Z'));
  });
});
