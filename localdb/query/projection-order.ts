import type { Document } from 'bson';
import { isNumeric, toNumber } from './bson-type.ts';
import { idFirst } from './id-first.ts';
import { isPlainObject } from './paths.ts';

/** Whether a projection includes fields (0/false only for `_id`, or none at all given). */
function isInclusion(spec: Document): boolean {
  return Object.entries(spec).some(
    ([k, v]) => k !== '_id' && !(v === false || (isNumeric(v) && toNumber(v) === 0)),
  );
}

/** The top-level names in a projection, dotted paths by their first part, in spec order. */
function specOrder(spec: Document): string[] {
  return [...new Set(Object.keys(spec).map((k) => k.split('.')[0] ?? k))];
}

function ordered(out: unknown, input: unknown, spec: Document | undefined): unknown {
  if (Array.isArray(out)) {
    return out.map((v, i) => ordered(v, Array.isArray(input) ? input[i] : undefined, undefined));
  }
  if (!isPlainObject(out) || !isPlainObject(input)) return out;
  const names = spec ? specOrder(spec) : [];
  const kept = Object.keys(input).filter((k) => k in out);
  const added = Object.keys(out)
    .filter((k) => !(k in input))
    .sort((a, b) => names.indexOf(a) - names.indexOf(b));
  const result: Document = {};
  for (const key of [...kept, ...added]) result[key] = ordered(out[key], input[key], undefined);
  return result;
}

/**
 * An inclusion projection's output in mongod's field order: the kept fields in the document's
 * order (mingo sorted them by name), at every level, then computed fields in the projection's
 * order; a kept `_id` first. Exclusions keep the document's order already.
 */
export function inProjectionOrder(out: Document, input: Document, spec: Document): Document {
  if (!isInclusion(spec)) return out;
  return idFirst(ordered(out, input, spec) as Document);
}
