import type { Document } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderedFind } from '#localdb/commands/data/ordered-find.ts';
import { CommandError } from '#localdb/errors.ts';
import { canonicalKey } from '#localdb/query/canonical-key.ts';
import { compileFilter } from '#localdb/query/filter.ts';
import { type SortSpec, sortDocuments } from '#localdb/query/sort.ts';
import { Collection } from '#localdb/storage/collection.ts';
import { parseIndexSpec } from '#localdb/storage/index-spec.ts';
import type { StoredDoc, WriteOp } from '#localdb/storage/stored-doc.ts';
import {
  doc,
  field,
  filter,
  INDEXES,
  idValue,
} from '#test/unit/localdb/support/query-arbitraries.ts';

const op = fc.oneof(
  { weight: 5, arbitrary: doc.map((d) => ({ kind: 'insert' as const, doc: d })) },
  { weight: 1, arbitrary: doc.map((d) => ({ kind: 'replace' as const, doc: d })) },
  { weight: 1, arbitrary: idValue.map((id) => ({ kind: 'delete' as const, id })) },
);

const direction = fc.constantFrom(1 as const, -1 as const);
const sort: fc.Arbitrary<SortSpec> = fc.oneof(
  fc.tuple(field, direction).map((s) => [s]),
  fc.tuple(field, direction, direction).map(
    ([f, d, e]) =>
      [
        [f, d],
        ['_id', e],
      ] as SortSpec,
  ),
  fc.tuple(field, direction, field, direction).map(
    ([f, d, g, e]) =>
      [
        [f, d],
        [g, e],
      ] as SortSpec,
  ),
);
const indexes = fc.subarray(INDEXES);

function write(collection: Collection, step: { kind: string; doc?: Document; id?: unknown }): void {
  const id = (step.doc?._id ?? step.id) as unknown;
  const existing = collection.docs.get(canonicalKey(id));
  const writeOp: WriteOp | undefined =
    step.kind === 'insert'
      ? { kind: 'insert', doc: step.doc as Document }
      : existing && step.kind === 'replace'
        ? { kind: 'replace', id: existing.id, doc: step.doc as Document }
        : existing
          ? { kind: 'delete', id: existing.id }
          : undefined;
  if (!writeOp) return;
  try {
    collection.apply(writeOp);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error; // duplicate _id / immutable _id: skipped
  }
}

/** Every document the filter matches, by testing each in natural order (no index involved). */
function scanAll(c: Collection, f: Document): StoredDoc[] {
  const query = compileFilter(f);
  return [...c.docs.values()].filter((d) => query.test(c.viewOf(d)));
}

/** The reference: every match, stably sorted, then the window. */
function scanned(c: Collection, f: Document, s: SortSpec, skip: number, limit: number): unknown[] {
  const sorted = sortDocuments(scanAll(c, f), s, (d) => c.viewOf(d));
  return sorted.slice(skip, limit ? skip + limit : undefined).map((d) => d.id);
}

function walked(c: Collection, f: Document, s: SortSpec, skip: number, limit: number) {
  return orderedFind(c, f, s, { skip, limit })?.map((d) => d.id);
}

/** A transaction's shadow, built as localdb/transactions does: shared documents, index snapshots. */
function shadowOf(c: Collection): Collection {
  const shadow = new Collection(c.db, c.name);
  for (const [id, stored] of c.docs) shadow.docs.set(id, stored);
  for (const [name, index] of c.indexes) shadow.indexes.set(name, index.snapshot());
  return shadow;
}

const query = fc.record({
  filter,
  sort,
  skip: fc.integer({ min: 0, max: 8 }),
  limit: fc.integer({ min: 0, max: 5 }),
});

describe('ordered index walks', () => {
  it('return exactly what a scan (+ stable sort) returns, across writes and snapshots', () => {
    let used = 0;
    fc.assert(
      fc.property(
        indexes,
        fc.array(op, { maxLength: 40 }),
        fc.array(op, { maxLength: 8 }),
        fc.array(query, { minLength: 1, maxLength: 4 }),
        (specs, before, after, queries) => {
          const c = new Collection('db', 'c');
          for (const key of specs) c.createIndex(parseIndexSpec({ key }));
          const half = Math.floor(before.length / 2);
          for (const step of before.slice(0, half)) write(c, step);
          // Build the ordered copies midway so later writes exercise their upkeep.
          for (const q of queries) walked(c, q.filter, q.sort, q.skip, q.limit);
          for (const step of before.slice(half)) write(c, step);
          const shadow = shadowOf(c);
          for (const step of after) write(shadow, step);
          for (const step of after.slice(0, 2)) write(c, step);
          for (const target of [c, shadow]) {
            for (const q of queries) {
              const got = walked(target, q.filter, q.sort, q.skip, q.limit);
              if (got) used++;
              expect(got ?? scanned(target, q.filter, q.sort, q.skip, q.limit)).toEqual(
                scanned(target, q.filter, q.sort, q.skip, q.limit),
              );
              // Unsorted matching (range candidates from an ordered index) keeps natural order.
              expect(target.match(q.filter).map((d) => d.id)).toEqual(
                scanAll(target, q.filter).map((d) => d.id),
              );
            }
          }
        },
      ),
      { numRuns: 600 },
    );
    // The comparison is only meaningful if the index path actually ran often.
    expect(used).toBeGreaterThan(300);
  });
});

describe('range candidates', () => {
  const numericOp = fc.oneof(
    { weight: 6, arbitrary: fc.record({ _id: fc.nat(200), a: fc.nat(60) }) },
    { weight: 1, arbitrary: fc.nat(200).map((id) => ({ _id: id })) },
  );
  const range = fc
    .tuple(fc.constantFrom('_id', 'a'), fc.nat(200), fc.integer({ min: 1, max: 12 }))
    .map(([f, low, width]) => ({ [f]: { $gte: low % (f === 'a' ? 60 : 200), $lt: low + width } }));

  it('visit a narrow range in natural order, as a scan does', () => {
    let narrow = 0;
    fc.assert(
      fc.property(
        fc.array(numericOp, { minLength: 30, maxLength: 120 }),
        fc.array(range, { minLength: 1, maxLength: 4 }),
        fc.nat(3),
        (docs, filters, limit) => {
          const c = new Collection('db', 'r');
          c.createIndex(parseIndexSpec({ key: { a: 1 } }));
          for (const [i, d] of docs.entries()) {
            // Docs without `a` replace an existing document: natural order keeps its place.
            const kind = 'a' in d ? 'insert' : 'replace';
            write(c, { kind, doc: kind === 'replace' ? { ...d, a: i % 60 } : d });
            if (i === docs.length >> 1) for (const f of filters) c.match(f);
          }
          for (const f of filters) {
            const expected = scanAll(c, f).map((d) => d.id);
            if (expected.length > 1 && expected.length < c.docs.size / 4) narrow++;
            expect(c.match(f, limit).map((d) => d.id)).toEqual(
              limit ? expected.slice(0, limit) : expected,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(narrow).toBeGreaterThan(100);
  });
});
