import type { Document } from 'bson';
import { type Collation, listedCollation } from '../query/collation.ts';
import { compareBson } from '../query/compare.ts';
import type { SortSpec } from '../query/sort.ts';
import type { Collection } from './collection.ts';
import { keyBounds } from './key-bounds.ts';
import type { OrderedEntries, OrderedEntry } from './ordered-entries.ts';
import { idCandidates, plannedCandidates } from './planner.ts';
import type { StoredDoc } from './stored-doc.ts';

export interface OrderedPlanOptions {
  readonly filter: Document;
  readonly sort: SortSpec;
  readonly skip: number;
  /** At most this many documents after the skipped ones; 0 = all. */
  readonly limit: number;
  /** The whole filter, compiled (undefined when it is empty). */
  readonly test: ((stored: StoredDoc) => boolean) | undefined;
  /** The query's collation: only an index built with the same one serves its sort. */
  readonly collation?: Collation | undefined;
}

/** Whether an index's collation (as listed) is the query's: the index's order is the query's. */
function sameCollation(index: Document | undefined, query: Collation | undefined): boolean {
  if (!index || !query) return !index && !query;
  return JSON.stringify(listedCollation(query.spec)) === JSON.stringify(index);
}

/** How an index serves a sort: walk direction, how many key fields the sort uses, an `_id` tie-break. */
interface SortFit {
  readonly reverse: boolean;
  readonly width: number;
  readonly idDirection: 1 | -1 | 0;
}

/**
 * Whether the sort is a prefix of the index's fields, in its directions or all reversed, optionally
 * followed by `_id` (the keyset tie-break; ties on the prefix are then ordered by `_id`).
 */
function sortFit(
  sort: SortSpec,
  fields: readonly string[],
  directions: readonly number[],
): SortFit | undefined {
  const first = sort[0];
  if (!first) return undefined;
  const sign = first[1] * (directions[0] ?? 1);
  let width = 0;
  while (
    width < sort.length &&
    width < fields.length &&
    sort[width]?.[0] === fields[width] &&
    (sort[width]?.[1] ?? 1) * (directions[width] ?? 1) === sign
  )
    width++;
  if (width === 0) return undefined;
  const rest = sort.slice(width);
  if (rest.length === 0) return { reverse: sign < 0, width, idDirection: 0 };
  const [path, direction] = rest[0] ?? [];
  if (rest.length === 1 && path === '_id' && !fields.slice(0, width).includes('_id') && direction)
    return { reverse: sign < 0, width, idDirection: direction };
  return undefined;
}

interface Plan {
  readonly fields: readonly string[];
  readonly entries: OrderedEntries;
  readonly fit: SortFit;
}

function choosePlan(
  collection: Collection,
  sort: SortSpec,
  collation: Collation | undefined,
): Plan | undefined {
  // The `_id` index has the simple collation: a string `_id` sorts otherwise under another.
  const idFit = collation ? undefined : sortFit(sort, ['_id'], [1]);
  if (idFit) return { fields: ['_id'], entries: collection.idOrder(), fit: idFit };
  for (const index of collection.indexes.values()) {
    // Sparse and partial indexes leave documents out; a sort must see them all.
    if (!index.complete || index.spec.sparse || !index.orderable) continue;
    if (!sameCollation(index.spec.collation, collation)) continue;
    const directions = index.fields.map((f) => Number(index.spec.key[f]));
    const found = sortFit(sort, index.fields, directions);
    if (!found) continue;
    const entries = index.ordered(collection.docs.values(), (s) => collection.viewOf(s));
    // On array fields a sort follows each document's min/max element: the scan path knows that.
    if (!entries || entries.multikey) continue;
    return { fields: index.fields, entries, fit: found };
  }
  return undefined;
}

/** A run of equal sort keys in the order a stable sort of the scan gives it. */
function orderRun(
  collection: Collection,
  run: OrderedEntry[],
  idDirection: number,
  strings: ((a: string, b: string) => number) | undefined,
): StoredDoc[] {
  const docs: StoredDoc[] = [];
  for (const entry of run) {
    const stored = collection.docs.get(entry.id);
    if (stored) docs.push(stored);
  }
  if (docs.length < 2) return docs;
  return docs.sort((a, b) =>
    idDirection
      ? compareBson(a.doc._id, b.doc._id, strings) * idDirection
      : (a.seq ?? 0) - (b.seq ?? 0),
  );
}

/**
 * Matches in sort order by walking an ordered index between the bounds the filter implies, each
 * candidate tested with the whole filter, skip then limit applied on the way: no full sort. Equality lookups keep
 * their plan (undefined here, so the caller matches and sorts those few documents).
 */
export function orderedMatch(
  collection: Collection,
  { filter, sort, skip, limit, test, collation }: OrderedPlanOptions,
): StoredDoc[] | undefined {
  // (An index's folded keys answer no lookup under a collation: only ids, storage/planner.ts.)
  const looksUp = collation
    ? idCandidates(collection, filter, false)
    : plannedCandidates(collection, filter);
  if (looksUp) return undefined;
  const plan = choosePlan(collection, sort, collation);
  if (!plan) return undefined;
  const bounds = keyBounds(filter, plan.fields, plan.entries.directions);
  // Without a filter every entry is a match (one per document: multikey indexes are not walked),
  // so a skip jumps over entries instead of visiting them.
  const walk = plan.entries.walk(bounds, plan.fit.reverse, plan.fit.width, test ? 0 : skip);
  let toSkip = skip - walk.skipped;
  const out: StoredDoc[] = [];
  for (const run of walk.runs) {
    for (const stored of orderRun(collection, run, plan.fit.idDirection, plan.entries.strings)) {
      if (test && !test(stored)) continue;
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      out.push(stored);
      if (limit && out.length >= limit) return out;
    }
  }
  return out;
}
