import type { BSONRegExp, Document } from 'bson';
import { bsonTag, toNumber } from './bson-type.ts';
import { mongoRegExp } from './regex.ts';

/**
 * mingo compares and computes with plain JS values: it cannot order Int32/Long/Double/Decimal128
 * instances (it would compare their strings) nor add them. Queries, groups and expressions
 * therefore run on a "view" of each stored document in which every number is a JS number and
 * BSON regexes are RegExps. Stored documents keep their exact BSON types; every view object
 * remembers the stored object it was made from, so documents that pass through a pipeline
 * unchanged ($match, $sort, $limit...) are answered with their original types.
 */
const origins = new WeakMap<object, object>();

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u', 'g', 'y', 'd', 'v']);

function toRegExp(r: BSONRegExp): RegExp {
  try {
    return mongoRegExp(r.pattern, r.options);
  } catch {
    // A stored value mongod would not have accepted: kept as close as JS allows.
    const flags = [...r.options].filter((f) => JS_REGEX_FLAGS.has(f)).join('');
    return new RegExp(r.pattern, flags);
  }
}

/** `fold` (a collation's string folding) applies to every string of the view. */
export function toView(value: unknown, fold?: (s: string) => string): unknown {
  if (typeof value === 'string') return fold ? fold(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = value.map((v) => toView(v, fold));
    origins.set(out, value);
    return out;
  }
  if (value instanceof Date || value instanceof RegExp || value instanceof Uint8Array) return value;
  switch (bsonTag(value)) {
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return toNumber(value);
    case 'BSONRegExp':
      return toRegExp(value as BSONRegExp);
    case undefined:
      break;
    default:
      return value;
  }
  const out: Document = {};
  for (const [k, v] of Object.entries(value)) out[k] = toView(v, fold);
  origins.set(out, value);
  return out;
}

/** The stored value a view object was made from. */
export function originOf(view: object): object | undefined {
  return origins.get(view);
}

/**
 * A deep copy of a view whose objects and arrays keep their stored origins, so a copy that a
 * pipeline leaves unchanged is still answered with its stored types (mingo's own deep clone, as
 * `$facet` makes for each sub-pipeline, drops them). Values other than plain objects and arrays
 * (Dates, RegExps, bytes, BSON values) are shared: pipelines do not change them in place.
 */
export function cloneView(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  let out: unknown[] | Document;
  if (Array.isArray(value)) out = value.map(cloneView);
  else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    out = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneView(v);
  }
  const origin = origins.get(value);
  if (origin) origins.set(out, origin);
  return out;
}

export function toViewDocument(doc: Document, fold?: (s: string) => string): Document {
  return toView(doc, fold) as Document;
}

function sameLeaf(result: unknown, original: unknown, fold?: (s: string) => string): boolean {
  if (result === original) return true;
  if (fold && typeof result === 'string' && typeof original === 'string')
    return fold(original) === result;
  if (typeof result === 'number') {
    const n = toNumber(original);
    return n === result || (Number.isNaN(n) && Number.isNaN(result));
  }
  if (result instanceof RegExp && bsonTag(original) === 'BSONRegExp') {
    return result.source === (original as BSONRegExp).pattern;
  }
  return false;
}

/**
 * Maps a pipeline result back to stored values: a view object whose content is unchanged becomes its
 * stored original, and inside changed ones every value equal to the stored one keeps its stored type.
 * `fallback` stands in as the stored counterpart of a new top-level object (a $set output made
 * from the document with the same _id), so its untouched fields keep their types too.
 */
export function restoreOriginals(
  value: unknown,
  fold?: (s: string) => string,
  fallback?: object,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (bsonTag(value) || value instanceof Date || value instanceof RegExp) return value;
  if (value instanceof Uint8Array) return value;
  const known = origins.get(value) as Record<string, unknown> | undefined;
  const origin = known ?? (fallback as Record<string, unknown> | undefined);
  if (Array.isArray(value)) {
    const out = value.map((v, i) => pick(restoreOriginals(v, fold), origin?.[i], fold));
    const same = known && (known as unknown as unknown[]).length === out.length;
    return same && out.every((v, i) => v === known[i]) ? known : out;
  }
  const out: Document = {};
  let same = known !== undefined && Object.keys(known).length === Object.keys(value).length;
  for (const [k, v] of Object.entries(value)) {
    const restored = pick(restoreOriginals(v, fold), origin?.[k], fold);
    out[k] = restored;
    if (same && restored !== known?.[k]) same = false;
  }
  return same ? known : out;
}

function pick(result: unknown, original: unknown, fold?: (s: string) => string): unknown {
  return original !== undefined && sameLeaf(result, original, fold) ? original : result;
}
