import type { Document } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '#localdb/commands/types.ts';
import { dataCommandHarness } from '#test/unit/localdb/support/data-commands.ts';
import { doc, filter, INDEXES, scalar } from '#test/unit/localdb/support/query-arbitraries.ts';

const { engine, context: contextFor, run } = dataCommandHarness('agg_source');

async function aggregated(context: CommandContext, pipeline: Document[]): Promise<unknown[]> {
  const reply = await run(context, { aggregate: 'c', pipeline, cursor: { batchSize: 1_000 } });
  return reply.cursor.firstBatch as unknown[];
}

describe('a leading $match read through the indexes (aggregate-source.ts)', () => {
  it('gives what the same $match over every document gives, in the same order', async () => {
    let narrowed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(INDEXES),
        fc.array(doc, { maxLength: 40 }),
        fc.array(filter, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(39), fc.constantFrom('a', 'b', 'c'), scalar), { maxLength: 6 }),
        async (keys, docs, filters, rewrites) => {
          const context = contextFor();
          await run(context, { create: 'c' });
          if (keys.length > 0) {
            const indexes = keys.map((key, i) => ({ key, name: `i${i}` }));
            await run(context, { createIndexes: 'c', indexes });
          }
          if (docs.length > 0) await run(context, { insert: 'c', documents: docs, ordered: false });
          const collection = engine.collection(context.db, 'c');
          // Rewritten documents keep their natural-order place but move within the indexes.
          const stored = [...(collection?.docs.values() ?? [])];
          for (const [at, field, value] of rewrites) {
            const target = stored[at % Math.max(stored.length, 1)];
            if (!target) break;
            const u = { $set: { [field]: value } };
            await run(context, { update: 'c', updates: [{ q: { _id: target.doc._id }, u }] });
          }
          for (const f of filters) {
            // `$skip: 0` first: the same pipeline, but its input is every document.
            const whole = await aggregated(context, [{ $skip: 0 }, { $match: f }]);
            expect(await aggregated(context, [{ $match: f }])).toEqual(whole);
            const counted = [{ $match: f }, { $group: { _id: 1, n: { $sum: 1 } } }];
            expect(await aggregated(context, counted)).toEqual(
              whole.length === 0 ? [] : [{ _id: 1, n: whole.length }],
            );
            const candidates = [...(collection?.candidates(f) ?? [])].length;
            if (candidates < (collection?.docs.size ?? 0)) narrowed++;
          }
        },
      ),
      { numRuns: 300 },
    );
    // Only meaningful if the indexes left documents out often.
    expect(narrowed).toBeGreaterThan(100);
  });
});
