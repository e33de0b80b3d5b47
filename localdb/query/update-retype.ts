import type { BSONRegExp, Document } from 'bson';
import {
  bsonTag,
  makeNumber,
  NumberKind,
  type NumberKindValue,
  numberKind,
  toNumber,
} from './bson-type.ts';
import { isPlainObject } from './paths.ts';

/**
 * mingo's updater runs on a view where every number is a JS number (see view.ts). This puts the
 * stored BSON types back: a value equal to the stored one keeps the stored value, a number written
 * by the update keeps the type the client sent, and arithmetic keeps the wider of the stored and
 * argument types, an int32 that overflows becoming a long as MongoDB does.
 */
export function retype(
  result: unknown,
  original: unknown,
  hint: unknown,
  pool: readonly unknown[],
  written?: unknown,
): unknown {
  if (typeof result === 'number') {
    // A number `$set` wrote equal to the stored one in value: the type sent wins (Double(1) over
    // Int32(1), a long past 2^53 whose double is the stored one's), as mongod stores what it is sent.
    if (written !== undefined && sameNumber(written, result)) return written;
    return retypeNumber(result, original, hint, pool);
  }
  if (result instanceof RegExp && bsonTag(original) === 'BSONRegExp') {
    return (original as BSONRegExp).pattern === result.source ? original : result;
  }
  if (Array.isArray(result)) {
    const orig = Array.isArray(original) ? original : [];
    const hints = Array.isArray(hint) ? hint : [];
    const sets = Array.isArray(written) ? written : [];
    return result.map((v, i) => retype(v, orig[i], hints[i], pool, sets[i]));
  }
  if (isPlainObject(result)) {
    const orig = isPlainObject(original) ? original : {};
    const hints = isPlainObject(hint) ? hint : {};
    const out: Document = {};
    const sets = isPlainObject(written) ? written : {};
    for (const [k, v] of Object.entries(result))
      out[k] = retype(v, orig[k], hints[k], pool, sets[k]);
    return out;
  }
  return result;
}

const sameNumber = (typed: unknown, n: number): boolean => {
  if (numberKind(typed) === undefined) return false;
  const m = toNumber(typed);
  return m === n || (Number.isNaN(m) && Number.isNaN(n));
};

function retypeNumber(
  n: number,
  original: unknown,
  hint: unknown,
  pool: readonly unknown[],
): unknown {
  if (sameNumber(original, n)) return original;
  if (sameNumber(hint, n)) return hint;
  // Plain JS numbers (requests decoded with promoteValues) stay plain unless an int overflows.
  const wrapped = [original, hint].filter((v) => typeof v !== 'number');
  const kinds = wrapped.map(numberKind).filter((k): k is NumberKindValue => k !== undefined);
  if (kinds.length) return makeNumber(n, Math.max(...kinds) as NumberKindValue);
  if (
    numberKind(original) === NumberKind.Int &&
    numberKind(n) !== NumberKind.Int &&
    Number.isSafeInteger(n)
  ) {
    return makeNumber(n, NumberKind.Int);
  }
  const sent = pool.find((v) => sameNumber(v, n));
  return sent ?? n;
}

/** Every typed number anywhere in an update document, to recover the type of pushed values. */
export function numberPool(value: unknown, out: unknown[] = []): unknown[] {
  if (numberKind(value) !== undefined && typeof value !== 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numberPool(v, out);
  else if (isPlainObject(value)) for (const v of Object.values(value)) numberPool(v, out);
  return out;
}

/** A nested document of the values `$set`/`$inc`/... write at plain (non-positional) paths. */
export function hintTree(
  modifier: Document,
  ops: readonly string[] = ['$set', '$setOnInsert', '$inc', '$mul', '$min', '$max'],
): Document {
  const tree: Document = {};
  for (const op of ops) {
    const fields = modifier[op];
    if (!isPlainObject(fields)) continue;
    for (const [path, value] of Object.entries(fields)) {
      if (path.includes('$')) continue;
      const parts = path.split('.');
      let node = tree;
      for (const part of parts.slice(0, -1)) {
        if (!isPlainObject(node[part])) node[part] = {};
        node = node[part] as Document;
      }
      node[parts[parts.length - 1] as string] = value;
    }
  }
  return tree;
}
