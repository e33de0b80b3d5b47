import { Binary, ObjectId, Timestamp } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

const ID = new ObjectId('0123456789abcdef01234567');

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
  const computed = async (fields: Record<string, unknown>) => {
    const [doc] = await own.db
      .collection('items')
      .aggregate([{ $project: { _id: 0, ...fields } }])
      .toArray();
    return doc;
  };

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
      }),
    ).toEqual({
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
