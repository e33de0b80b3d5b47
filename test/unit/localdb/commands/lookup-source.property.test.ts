import { type Document, Long } from 'bson';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '#localdb/commands/types.ts';
import { Collection } from '#localdb/storage/collection.ts';
import { dataCommandHarness } from '#test/unit/localdb/support/data-commands.ts';
import { doc, idValue, scalar, value } from '#test/unit/localdb/support/query-arbitraries.ts';

const { engine, context: contextFor, run } = dataCommandHarness('lookup_source');

async function aggregated(context: CommandContext, pipeline: Document[]): Promise<unknown[]> {
  const reply = await run(context, { aggregate: 'l', pipeline, cursor: { batchSize: 1_000 } });
  return reply.cursor.firstBatch as unknown[];
}

const FIELDS = ['_id', 'a', 'b', 'c', 'a.x'];
const FORMS = ['equality', 'concise', 'expr', 'expr reversed', 'expr in $and'] as const;

/** A `$lookup` of each form localdb reads through an index. */
function lookupOf(form: (typeof FORMS)[number], localField: string, foreignField: string) {
  const joined = { from: 'f', as: 'joined' };
  if (form === 'equality') return { ...joined, localField, foreignField };
  const v = `$${localField}`;
  if (form === 'concise') {
    const pipeline = [{ $project: { _id: 1, b: 1, v: '$$v' } }];
    return { ...joined, localField, foreignField, let: { v }, pipeline };
  }
  const sides = [`$${foreignField}`, '$$v'];
  const eq = { $eq: form === 'expr reversed' ? sides.reverse() : sides };
  const $expr = form === 'expr in $and' ? { $and: [eq, true] } : eq;
  return {
    ...joined,
    let: { v },
    pipeline: [{ $match: { $expr } }, { $project: { _id: 1, b: 1 } }],
  };
}

/** The same stages inside a `$facet`, where localdb reads no join through an index. */
const inFacet = (stages: Document[]) => [
  { $facet: { r: stages } },
  { $unwind: '$r' },
  { $replaceRoot: { newRoot: '$r' } },
];

describe('a $lookup read through the foreign collection’s indexes (lookup-source.ts)', () => {
  it('joins what the same $lookup over every foreign document joins, in the same order', async () => {
    // The documents each indexed join read, against how many the collection held.
    let narrowed = 0;
    let joins = 0;
    let read = new Set<string>();
    let indexReads = 0;
    let everything = false;
    const indexedCandidates = Collection.prototype.indexedCandidates;
    const spy = vi.spyOn(Collection.prototype, 'indexedCandidates').mockImplementation(function (
      this: Collection,
      filter,
    ) {
      const found = indexedCandidates.call(this, filter);
      indexReads += 1;
      if (found === undefined) everything = true;
      for (const stored of found ?? []) read.add(stored.id);
      return found;
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { maxLength: 30 }),
        // Local documents hold every field (a missing one is null: every foreign document read).
        fc.array(fc.record({ _id: idValue, a: value, b: value, c: scalar }), { maxLength: 8 }),
        fc.constantFrom(...FIELDS),
        fc.constantFrom(...FIELDS),
        fc.array(fc.tuple(fc.nat(29), scalar), { maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom(...FORMS),
        async (foreign, local, localField, foreignField, rewrites, compound, form) => {
          const context = contextFor();
          await run(context, { create: 'f' });
          if (foreignField !== '_id') {
            // Single-field (a hash of keys) or compound with the field leading (ordered ranges).
            const second = foreignField === 'c' ? 'b' : 'c';
            const key = compound ? { [foreignField]: 1, [second]: -1 } : { [foreignField]: 1 };
            await run(context, { createIndexes: 'f', indexes: [{ key, name: 'joined' }] });
          }
          if (foreign.length > 0)
            await run(context, { insert: 'f', documents: foreign, ordered: false });
          if (local.length > 0)
            await run(context, { insert: 'l', documents: local, ordered: false });
          // Rewritten documents keep their natural-order place but move within the index's sets.
          const stored = [...(engine.collection(context.db, 'f')?.docs.values() ?? [])];
          for (const [at, value] of rewrites) {
            const target = stored[at % Math.max(stored.length, 1)];
            if (!target) break;
            const u = { $set: { [foreignField === '_id' ? 'c' : foreignField]: value } };
            await run(context, { update: 'f', updates: [{ q: { _id: target.doc._id }, u }] });
          }
          const stages = [
            { $sort: { _id: 1 } },
            { $lookup: lookupOf(form, localField, foreignField) },
          ];
          const everyDocument = await aggregated(context, inFacet(stages));
          read = new Set();
          indexReads = 0;
          everything = false;
          expect(await aggregated(context, stages)).toEqual(everyDocument);
          joins += 1;
          const size = engine.collection(context.db, 'f')?.docs.size ?? 0;
          // No index read at all: a local value was not indexable (e.g. missing), so all were read.
          if (indexReads > 0 && !everything && read.size < size) narrowed += 1;
        },
      ),
      { numRuns: 300 },
    );
    spy.mockRestore();
    // Only meaningful if the indexes often left foreign documents out.
    expect(narrowed).toBeGreaterThan(joins / 3);
  });

  it('reads every foreign document for keys whose view is rounded (integers past 2^53)', async () => {
    const context = contextFor();
    await run(context, { createIndexes: 'f', indexes: [{ key: { c: 1 }, name: 'c' }] });
    // Both views are 2^53 and mingo compares views, so the scan joins them (mongod, comparing
    // exactly, would not); their index keys differ, so an index read would not: it must not be used.
    const big = Long.fromString('9007199254740993');
    await run(context, {
      insert: 'f',
      documents: [
        { _id: 1, c: big },
        { _id: 2, c: 1 },
      ],
    });
    await run(context, { insert: 'l', documents: [{ _id: 1, a: 2 ** 53 }] });
    const lookup = { from: 'f', localField: 'a', foreignField: 'c', as: 'joined' };
    const whole = await aggregated(context, [{ $lookup: { ...lookup, pipeline: [] } }]);
    expect((whole[0] as Document).joined).toHaveLength(1);
    expect(await aggregated(context, [{ $lookup: lookup }])).toEqual(whole);
  });
});
