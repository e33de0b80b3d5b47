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

/**
 * Picks the documents an equality on `_id` or on every field of a complete index designates
 * (a Map lookup instead of a scan). Undefined means "scan everything". The caller still runs
 * the whole filter on each candidate, so the plan only has to be a superset.
 */
export function plannedCandidates(
  collection: Collection,
  filter: Document,
): StoredDoc[] | undefined {
  // In natural order, as a scan visits them: an index's set of ids for one key is in the order
  // they were added, and a rewritten document is added again (last) under its new keys.
  const byIds = (ids: Iterable<string>): StoredDoc[] => {
    const out: StoredDoc[] = [];
    for (const id of ids) {
      const stored = collection.docs.get(id);
      if (stored) out.push(stored);
    }
    return out.length > 1 ? out.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)) : out;
  };
  const id = equalityValue(filter._id);
  if (id !== NONE) return byIds([canonicalKey(id)]);
  const ids = inValues(filter._id);
  if (ids) return byIds(new Set(ids.map(canonicalKey)));
  for (const index of collection.indexes.values()) {
    if (!index.complete || index.foldsKeys) continue;
    const listed =
      index.fields.length === 1 ? inValues(filter[index.fields[0] as string]) : undefined;
    if (listed) {
      const found = new Set<string>();
      for (const v of listed) for (const id of index.lookup(canonicalKey(v)) ?? []) found.add(id);
      return byIds(found);
    }
    const values = index.fields.map((f) => equalityValue(filter[f]));
    if (values.includes(NONE)) continue;
    const found = index.lookup(values.map(canonicalKey).join('|'));
    return found ? byIds(found) : [];
  }
  return undefined;
}
