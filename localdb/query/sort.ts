import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { compareBson, type StringCompare } from './compare.ts';
import { pathValues } from './paths.ts';

export type SortSpec = ReadonlyArray<readonly [path: string, direction: 1 | -1]>;

/** Validates a `sort` document into [path, ±1] pairs (BadValue like MongoDB on other values). */
export function parseSort(sort: unknown): SortSpec {
  if (sort === undefined || sort === null) return [];
  if (typeof sort !== 'object' || Array.isArray(sort)) {
    throw new CommandError('TypeMismatch', 'Expected field sort to be of type object');
  }
  return Object.entries(sort as Document).map(([path, dir]) => {
    const n = Number(dir);
    if (n !== 1 && n !== -1) {
      if (dir && typeof dir === 'object' && '$meta' in dir) return [path, -1] as const;
      throw new CommandError(
        'BadValue',
        `$sort key ordering must be 1 (for ascending) or -1 (for descending)`,
      );
    }
    return [path, n] as const;
  });
}

/** The value a document sorts by on one path: the least (ascending) or greatest (descending) element. */
function sortKey(doc: unknown, path: string, direction: 1 | -1, strings?: StringCompare): unknown {
  const values = pathValues(doc, path);
  if (values.length === 0) return null;
  let best = values[0];
  for (const v of values) if (compareBson(v, best, strings) * direction < 0) best = v;
  return best;
}

/** MongoDB's sort order (BSON type order, arrays by their min/max element); stable. */
export function sortDocuments<T>(
  docs: T[],
  spec: SortSpec,
  view: (d: T) => unknown = (d) => d,
  strings?: StringCompare,
): T[] {
  if (spec.length === 0) return docs;
  const keyed = docs.map((doc, i) => ({
    doc,
    i,
    keys: spec.map(([path, dir]) => sortKey(view(doc), path, dir, strings)),
  }));
  keyed.sort((a, b) => {
    for (let k = 0; k < spec.length; k++) {
      const d = compareBson(a.keys[k], b.keys[k], strings) * (spec[k]?.[1] ?? 1);
      if (d) return d;
    }
    return a.i - b.i;
  });
  return keyed.map((e) => e.doc);
}
