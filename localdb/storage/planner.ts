import type { Document } from 'bson';
import { bsonTag } from '../query/bson-type.ts';
import { canonicalKey } from '../query/canonical-key.ts';
import { isPlainObject } from '../query/paths.ts';
import type { Collection } from './collection.ts';
import type { StoredDoc } from './stored-doc.ts';

const NONE = Symbol('no equality');

/** The value a filter condition requires by plain equality, when an index can answer it. */
function equalityValue(condition: unknown): unknown {
  if (condition === undefined) return NONE;
  let value: unknown = condition;
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition);
    if (keys.some((k) => k.startsWith('$'))) {
      if (keys.length !== 1 || keys[0] !== '$eq') return NONE;
      value = condition.$eq;
    }
  }
  // Arrays match whole or by element, null matches missing, regexes match patterns: scan those.
  if (value === null || value === undefined || Array.isArray(value)) return NONE;
  if (value instanceof RegExp || bsonTag(value) === 'BSONRegExp') return NONE;
  return value;
}

function inValues(condition: unknown): unknown[] | undefined {
  if (
    !isPlainObject(condition) ||
    Object.keys(condition).length !== 1 ||
    !Array.isArray(condition.$in)
  )
    return undefined;
  const values = condition.$in.map(equalityValue);
  return values.includes(NONE) ? undefined : values;
}

/** Documents by canonical `_id`, in natural order, as a scan visits them. */
function byIds(collection: Collection, ids: Iterable<string>): StoredDoc[] {
  const out: StoredDoc[] = [];
  for (const id of ids) {
    const stored = collection.docs.get(id);
    if (stored) out.push(stored);
  }
  return out.length > 1 ? out.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)) : out;
}

/**
 * The documents an `_id` equality or `$in` designates; with `stringsToo` false, only when no id
 * holds a string (an ObjectId compares the same under every collation, a string does not).
 */
export function idCandidates(
  collection: Collection,
  filter: Document,
  stringsToo = true,
): StoredDoc[] | undefined {
  const id = equalityValue(filter._id);
  const ids = id === NONE ? inValues(filter._id) : [id];
  const collated = (v: unknown) => typeof v === 'string' || isPlainObject(v);
  if (!ids || (!stringsToo && ids.some(collated))) return undefined;
  return byIds(collection, new Set(ids.map(canonicalKey)));
}

/**
 * Picks the documents an equality on `_id` or on every field of a complete index designates
 * (a Map lookup instead of a scan). Undefined means "scan everything". The caller still runs
 * the whole filter on each candidate, so the plan only has to be a superset. An index's set of
 * ids for one key is in the order they were added, and a rewritten document is added again
 * (last) under its new keys: candidates are put back in natural order.
 */
export function plannedCandidates(
  collection: Collection,
  filter: Document,
): StoredDoc[] | undefined {
  const byId = idCandidates(collection, filter);
  if (byId) return byId;
  for (const index of collection.indexes.values()) {
    if (!index.complete || index.foldsKeys) continue;
    const listed =
      index.fields.length === 1 ? inValues(filter[index.fields[0] as string]) : undefined;
    if (listed) {
      const found = new Set<string>();
      for (const v of listed) for (const id of index.lookup(canonicalKey(v)) ?? []) found.add(id);
      return byIds(collection, found);
    }
    const values = index.fields.map((f) => equalityValue(filter[f]));
    if (values.includes(NONE)) continue;
    const found = index.lookup(values.map(canonicalKey).join('|'));
    return found ? byIds(collection, found) : [];
  }
  return undefined;
}
