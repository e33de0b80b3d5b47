import type { BSONRegExp, Document, Double, Int32 } from 'bson';
import { bsonTag, toNumber } from './bson-type.ts';
import { mongoRegExp } from './regex.ts';

/**
 * mingo compares and computes with plain JS values: it cannot order Int32/Long/Double/Decimal128
 * instances (it would compare their strings) nor add them. Queries, groups and expressions
 * therefore run on a "view" of each stored document in which every number is a JS number and
 * BSON regexes are RegExps. Stored documents keep their exact BSON types; every view object
 * remembers the stored object it was made from (`origins`), so documents that pass through a pipeline
 * unchanged ($match, $sort, $limit...) are answered with their original types.
 */
const ORIGIN = Symbol('localdb view origin');
const INEXACT = Symbol('localdb view inexact');

/**
 * Where a view object came from, held in a non-enumerable symbol property: spreads, keys and
 * BSON serialization do not see it, and reading it costs a property load where a WeakMap of every
 * cached view cost a hash lookup per document.
 */
const origins = {
  get(view: object): object | undefined {
    return (view as { [ORIGIN]?: object })[ORIGIN];
  },
  set(view: object, origin: object): void {
    Object.defineProperty(view, ORIGIN, { value: origin, writable: true, configurable: true });
  },
};

/**
 * A view object is marked inexact when a number in it (at any depth) is not told by its view:
 * an int64, a decimal128, or a double holding an int32-sized integer (its view would be taken for
 * an int32). Typed evaluation (typed/) reads stored values only under marked objects, so data of
 * int32s and fractional doubles, the common case, costs nothing more.
 */
function markInexact(view: object): void {
  Object.defineProperty(view, INEXACT, { value: true, configurable: true });
}

export function holdsInexact(view: object): boolean {
  return (view as { [INEXACT]?: boolean })[INEXACT] === true;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const isInt32Sized = (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;

function isInexactNumber(value: unknown): boolean {
  switch (bsonTag(value)) {
    case 'Long':
    case 'Decimal128':
      return true;
    case 'Double':
      return isInt32Sized((value as Double).value);
    default:
      return false;
  }
}

/** Inexact numbers met by toView so far: an object is marked when its children added some. */
let inexactSeen = 0;

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
  const before = inexactSeen;
  if (Array.isArray(value)) {
    const out = value.map((v) => toView(v, fold));
    origins.set(out, value);
    if (inexactSeen !== before) markInexact(out);
    return out;
  }
  if (value instanceof Date || value instanceof RegExp || value instanceof Uint8Array) return value;
  switch (bsonTag(value)) {
    case 'Int32':
      return (value as Int32).value;
    case 'Double': {
      const n = (value as Double).value;
      if (isInt32Sized(n)) inexactSeen++;
      return n;
    }
    case 'Long':
    case 'Decimal128':
      inexactSeen++;
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
  if (inexactSeen !== before) markInexact(out);
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
  if (holdsInexact(value)) markInexact(out);
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
 * `fallback` stands in as the stored counterpart of a new object (a $set output made from the
 * document with the same _id; inside it, the counterpart's own fields), so its untouched fields
 * keep their types too.
 */
export function restoreOriginals(
  value: unknown,
  fold?: (s: string) => string,
  fallback?: unknown,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (bsonTag(value) || value instanceof Date || value instanceof RegExp) return value;
  if (value instanceof Uint8Array) return value;
  const known = origins.get(value) as Record<string, unknown> | undefined;
  const fitting =
    fallback !== null &&
    typeof fallback === 'object' &&
    Array.isArray(fallback) === Array.isArray(value);
  const origin = known ?? (fitting ? (fallback as Record<string, unknown>) : undefined);
  if (Array.isArray(value)) {
    const out = value.map((v, i) =>
      keepStoredType(restoreOriginals(v, fold, origin?.[i]), origin?.[i], fold),
    );
    const same = known && (known as unknown as unknown[]).length === out.length;
    return same && out.every((v, i) => v === known[i]) ? known : out;
  }
  const out: Document = {};
  let same = known !== undefined && Object.keys(known).length === Object.keys(value).length;
  for (const [k, v] of Object.entries(value)) {
    const restored = keepStoredType(restoreOriginals(v, fold, origin?.[k]), origin?.[k], fold);
    out[k] = restored;
    if (same && restored !== known?.[k]) same = false;
  }
  return same ? known : out;
}

/** `result` as stored when `original` holds the same value (a number keeps its BSON type). */
export function keepStoredType(
  result: unknown,
  original: unknown,
  fold?: (s: string) => string,
): unknown {
  return original !== undefined && sameLeaf(result, original, fold) ? original : result;
}

/**
 * Records `origin` as what the new view object `view` was computed from: a stage that computes
 * typed values (localdb's `$group`, `$addFields`) gives its output this stored counterpart.
 */
export function adoptOrigin(view: object, origin: object): void {
  origins.set(view, origin);
  if (Object.values(origin).some(isInexactNumber)) markInexact(view);
}
