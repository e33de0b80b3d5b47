import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/** Field order matters to anyone comparing JSON: mongod answers a kept `_id` first. */
describe('the order of projected fields', () => {
  const own = useTestDb('projection_order', (db) =>
    db.collection('items').insertOne({ _id: 1, a: 1, b: 2, c: { d: 1, e: 2 } } as never),
  );
  const items = () => own.db.collection('items');
  const keysOf = (docs: object[]) => docs.map((d) => Object.keys(d));

  it('puts _id first in find inclusion projections', async () => {
    expect(
      keysOf(
        await items()
          .find({}, { projection: { b: 1 } })
          .toArray(),
      ),
    ).toEqual([['_id', 'b']]);
    const nested = await items()
      .find({}, { projection: { 'c.e': 1, a: 1 } })
      .toArray();
    expect(keysOf(nested)).toEqual([['_id', 'a', 'c']]);
  });

  it('puts _id first in $project, then kept fields in document order, then computed ones', async () => {
    const projected = await items()
      .aggregate([{ $project: { s: '$a', b: 1 } }])
      .toArray();
    expect(keysOf(projected)).toEqual([['_id', 'b', 's']]);
  });

  it('keeps the stored order when fields are excluded', async () => {
    expect(
      keysOf(
        await items()
          .find({}, { projection: { b: 0 } })
          .toArray(),
      ),
    ).toEqual([['_id', 'a', 'c']]);
  });
});
