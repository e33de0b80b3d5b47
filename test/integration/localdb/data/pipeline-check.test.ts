import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/** Pipelines mongod refuses before reading anything, with the code it answers. */
const REFUSED: readonly [string, Document[], number][] = [
  ['$out before another stage', [{ $out: 'copy' }, { $match: {} }], 40601],
  ['$merge before another stage', [{ $merge: { into: 'copy' } }, { $match: {} }], 40601],
  ['$documents after another stage', [{ $match: {} }, { $documents: [{ a: 1 }] }], 40602],
  [
    '$out in a $lookup pipeline',
    [{ $lookup: { from: 'items', pipeline: [{ $out: 'copy' }], as: 'joined' } }],
    51047,
  ],
  [
    '$merge in a $unionWith pipeline',
    [{ $unionWith: { coll: 'items', pipeline: [{ $merge: { into: 'copy' } }] } }],
    31441,
  ],
  ['$out in a $facet', [{ $facet: { all: [{ $out: 'copy' }] } }], 40600],
  ['$facet in a $facet', [{ $facet: { outer: [{ $facet: { inner: [] } }] } }], 40600],
  ['an empty $facet', [{ $facet: {} }], 40169],
  ['a $facet that is not a document', [{ $facet: [] }], 40169],
  ['a $facet whose pipeline is not an array', [{ $facet: { all: { $match: {} } } }], 40170],
  ['a $facet pipeline holding a non-document', [{ $facet: { all: [1] } }], 40171],
  ['a $facet named with a $', [{ $facet: { $all: [] } }], 16410],
  ['a $facet named with a dot', [{ $facet: { 'a.b': [] } }], 16412],
];

describe('where aggregation stages may stand', () => {
  const own = useTestDb('placement', (db) => db.collection('items').insertOne({ _id: 1 } as never));
  const items = () => own.db.collection('items');

  it.each(REFUSED)('refuses %s, and writes nothing', async (_, pipeline, code) => {
    await expect(items().aggregate(pipeline).toArray()).rejects.toMatchObject({ code });
    const names = (await own.db.listCollections().toArray()).map((c) => c.name);
    expect(names).toEqual(['items']);
  });

  it('runs the same stages where they may stand', async () => {
    await items()
      .aggregate([{ $match: {} }, { $out: 'copy' }])
      .toArray();
    const [facets] = await items()
      .aggregate([
        {
          $facet: {
            joined: [{ $lookup: { from: 'copy', pipeline: [{ $project: { _id: 1 } }], as: 'j' } }],
            unioned: [{ $unionWith: { coll: 'copy', pipeline: [{ $match: {} }] } }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({
      joined: [{ _id: 1, j: [{ _id: 1 }] }],
      unioned: [{ _id: 1 }, { _id: 1 }],
    });
    await own.db.collection('copy').drop();
  });
});
