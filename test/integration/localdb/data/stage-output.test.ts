import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/** Stages whose output mingo shapes differently from MongoDB (stage-fixes.ts). */
describe('what $redact, $bucket, $setWindowFields, $unwind and $count answer', () => {
  const own = useTestDb('stage_output', (db) =>
    db.collection('items').insertMany([
      { _id: 1, tags: ['a', 'b'], n: 5, group: 'y' },
      { _id: 2, n: 15, group: 'x' },
      { _id: 3, n: 25, group: 'y' },
    ] as never[]),
  );
  const run = (pipeline: object[]) => own.db.collection('items').aggregate(pipeline).toArray();

  it('$redact leaves out a document pruned at its top', async () => {
    const kept = await run([
      { $redact: { $cond: [{ $eq: ['$group', 'y'] }, '$$KEEP', '$$PRUNE'] } },
      { $project: { _id: 1 } },
    ]);
    expect(kept).toEqual([{ _id: 1 }, { _id: 3 }]);
  });

  it('$bucket answers _id first', async () => {
    const buckets = await run([
      { $bucket: { groupBy: '$n', boundaries: [0, 10, 30], output: { count: { $sum: 1 } } } },
    ]);
    expect(buckets.map((b) => Object.keys(b))).toEqual([
      ['_id', 'count'],
      ['_id', 'count'],
    ]);
  });

  it('$setWindowFields answers partitions in partitionBy order', async () => {
    const ranked = await run([
      {
        $setWindowFields: { partitionBy: '$group', sortBy: { n: 1 }, output: { r: { $rank: {} } } },
      },
      { $project: { r: 1 } },
    ]);
    expect(ranked).toEqual([
      { _id: 2, r: 1 },
      { _id: 1, r: 1 },
      { _id: 3, r: 2 },
    ]);
  });

  it('$unwind keeps the fields in place and puts a new index field last', async () => {
    const [first] = await run([
      { $match: { _id: 1 } },
      { $unwind: { path: '$tags', includeArrayIndex: 'at' } },
    ]);
    expect(Object.keys(first ?? {})).toEqual(['_id', 'tags', 'n', 'group', 'at']);
  });

  it('$count of no documents answers no document, also inside $facet', async () => {
    expect(await run([{ $match: { n: 99 } }, { $count: 'n' }])).toEqual([]);
    const [faceted] = await run([
      { $match: { n: { $gt: 10 } } },
      { $facet: { total: [{ $count: 'n' }], none: [{ $match: { n: 0 } }, { $count: 'n' }] } },
    ]);
    expect(faceted).toEqual({ total: [{ n: 2 }], none: [] });
  });
});
