import type { Document } from 'bson';
import { isPlainObject } from '../../query/paths.ts';

/** `{ $slice: n }` or `{ $slice: [skip, n] }` (the projection operator, not the expression). */
export function sliceOperand(value: unknown): number | [number, number] | undefined {
  if (!isPlainObject(value) || Object.keys(value).length !== 1) return undefined;
  const operand = value.$slice;
  if (typeof operand === 'number') return operand;
  if (Array.isArray(operand) && operand.length === 2 && operand.every((n) => typeof n === 'number'))
    return operand as [number, number];
  return undefined;
}

/**
 * Whether a find projection holds only `$slice` operators and exclusions: mongod then answers
 * every other field (the slices act as an exclusion projection), where mingo answered only the
 * sliced ones.
 */
export function slicesOnly(spec: Document): boolean {
  const values = Object.entries(spec);
  return (
    values.some(([, v]) => sliceOperand(v) !== undefined) &&
    values.every(([, v]) => sliceOperand(v) !== undefined || v === 0 || v === false)
  );
}

/** mongod's `$slice`: the first n, the last -n, or n from `skip` (from the end when negative). */
function slice(array: unknown[], operand: number | [number, number]): unknown[] {
  if (typeof operand === 'number')
    return operand >= 0
      ? array.slice(0, operand)
      : array.slice(Math.max(array.length + operand, 0));
  const [skip, n] = operand;
  const from = skip >= 0 ? skip : Math.max(array.length + skip, 0);
  return array.slice(from, from + Math.max(n, 0));
}

/** Applies a slices-only projection to a fresh view of a document, in place. */
export function applySlices(view: Document, spec: Document): Document {
  for (const [path, value] of Object.entries(spec)) {
    const parts = path.split('.');
    const last = parts.pop() as string;
    let parent: unknown = view;
    for (const part of parts) parent = isPlainObject(parent) ? parent[part] : undefined;
    if (!isPlainObject(parent)) continue;
    const operand = sliceOperand(value);
    if (operand === undefined) delete parent[last];
    else if (Array.isArray(parent[last])) parent[last] = slice(parent[last] as unknown[], operand);
  }
  return view;
}
