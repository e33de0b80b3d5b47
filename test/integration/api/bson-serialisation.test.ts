import {
  Binary,
  BSONRegExp,
  Code,
  Decimal128,
  Long,
  MaxKey,
  MinKey,
  type MongoClient,
  ObjectId,
  Timestamp,
  UUID,
} from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeBody } from '#lib/http/index.ts';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';

/**
 * Values read back through the real driver (its own bson copy) serialise under the policy:
 * a UUID as its canonical 36-character form, not as base64 of its bytes.
 */
describe('BSON values read from the database', () => {
  let client: MongoClient;
  const dbName = uniqueDbName('bson_serialisation');

  beforeAll(async () => {
    client = await connectTestClient();
  });
  afterAll(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('serialise a UUID canonically and the other types by the policy', async () => {
    const uuid = '0e6f6f6b-1234-4abc-8def-0123456789ab';
    const _id = new ObjectId('65a1b2c3d4e5f60718293a4b');
    const docs = client.db(dbName).collection('values');
    await docs.insertOne({
      _id,
      uuid: new UUID(uuid),
      bytes: new Binary(Buffer.from('hi')),
      big: Long.fromString('9223372036854775807'),
      price: Decimal128.fromString('0.10'),
      at: new Date('2026-01-02T03:04:05.678Z'),
      pattern: new BSONRegExp('^ab+c', 'i'),
      low: new MinKey(),
      high: new MaxKey(),
      stamp: new Timestamp({ t: 1, i: 2 }),
      code: new Code('function () { return 1; }'),
    });
    const read = await docs.findOne({ _id });
    expect(read?.uuid).toBeInstanceOf(UUID);
    expect(JSON.parse(serializeBody(read))).toEqual({
      _id: '65a1b2c3d4e5f60718293a4b',
      uuid,
      bytes: 'aGk=',
      big: '9223372036854775807',
      price: '0.10',
      at: '2026-01-02T03:04:05.678Z',
      // The driver reads the regular expression as a native RegExp: still '/pattern/flags'.
      pattern: '/^ab+c/i',
      low: 'MinKey',
      high: 'MaxKey',
      stamp: String(2n ** 32n + 2n),
      code: 'function () { return 1; }',
    });
    expect(read?.pattern).toBeInstanceOf(RegExp);
  });
});
