import type { AnyObject } from 'mingo/types';
import { isPlainObject } from '../paths.ts';
import { adoptOrigin, originOf } from '../view.ts';
import { viewOf } from './expression.ts';
import { typedPath } from './field-path.ts';
import { DEFER, isNullish } from './numbers.ts';

/**
 * Object expressions that move values between documents and arrays, answered as stored:
 * `$getField`, `$setField`, `$unsetField`, `$objectToArray` and `$arrayToObject`. Their results
 * are views remembering typed twins, as object expressions' are (expression.ts). Anything mongod
 * would refuse, and forms left out here (`$getField: 'name'`), are mingo's (DEFER).
 */
type Shape = (operands: readonly unknown[]) => unknown;

/** A field of a view object with its stored type (a dotted name is one field here). */
const typedField = (object: AnyObject, name: string) =>
  Object.hasOwn(object, name) ? typedPath(object, [name]) : undefined;

/** A view object built from typed values. */
function objectOf(entries: Iterable<readonly [string, unknown]>): AnyObject {
  const view: AnyObject = {};
  const twin: AnyObject = {};
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    view[key] = viewOf(value);
    twin[key] = value;
  }
  adoptOrigin(view, twin);
  return view;
}

/** The typed arguments of a named-argument form (`{ field, input }`). */
function named(operands: readonly unknown[], keys: readonly string[]): AnyObject | undefined {
  const [spec] = operands;
  if (operands.length !== 1 || !isPlainObject(spec)) return undefined;
  const args = (originOf(spec) ?? spec) as AnyObject;
  const given = Object.keys(spec);
  return given.every((k) => keys.includes(k)) && typeof args.field === 'string' ? args : undefined;
}

const getField: Shape = (operands) => {
  const args = named(operands, ['field', 'input']);
  if (!args || !('input' in args)) return DEFER;
  if (isNullish(args.input)) return null;
  return isPlainObject(args.input) ? typedField(args.input, args.field as string) : DEFER;
};

function setField(remove: boolean): Shape {
  return (operands) => {
    const args = named(operands, remove ? ['field', 'input'] : ['field', 'input', 'value']);
    if (!args || !('input' in args) || (!remove && !('value' in args))) return DEFER;
    if (isNullish(args.input)) return null;
    const { input } = args;
    if (!isPlainObject(input)) return DEFER;
    const entries = Object.keys(input).map((k) => [k, typedField(input, k)] as const);
    const field = args.field as string;
    const kept = entries.filter(([k]) => k !== field);
    const at = entries.findIndex(([k]) => k === field);
    if (remove) return objectOf(kept);
    // An existing field keeps its place; a new one goes last, as on mongod.
    const next = entries.map(([k, v]) => [k, k === field ? args.value : v] as const);
    return objectOf(at >= 0 ? next : [...kept, [field, args.value] as const]);
  };
}

const objectToArray: Shape = (operands) => {
  const [object] = operands;
  if (operands.length !== 1) return DEFER;
  if (isNullish(object)) return null;
  if (!isPlainObject(object)) return DEFER;
  return Object.keys(object).map((k) =>
    objectOf([
      ['k', k],
      ['v', typedField(object, k)],
    ]),
  );
};

/** `[[k, v], …]` or `[{ k, v }, …]` (one form throughout, string keys), the last value winning. */
const arrayToObject: Shape = (operands) => {
  const [array] = operands;
  if (operands.length !== 1) return DEFER;
  if (isNullish(array)) return null;
  if (!Array.isArray(array)) return DEFER;
  const pairs: [string, unknown][] = [];
  for (const item of array) {
    const pair = Array.isArray(item)
      ? item.length === 2
        ? item
        : undefined
      : isPlainObject(item) && Object.keys(item).length === 2 && 'k' in item && 'v' in item
        ? [item.k, typedField(item, 'v')]
        : undefined;
    if (!pair || typeof pair[0] !== 'string') return DEFER;
    pairs.push([pair[0], pair[1]]);
  }
  const forms = new Set(array.map(Array.isArray));
  if (forms.size > 1) return DEFER;
  const merged = new Map<string, unknown>();
  for (const [k, v] of pairs) merged.set(k, v);
  return objectOf(merged);
};

export const TYPED_OBJECTS: Readonly<Record<string, Shape>> = Object.freeze({
  $getField: getField,
  $setField: setField(false),
  $unsetField: setField(true),
  $objectToArray: objectToArray,
  $arrayToObject: arrayToObject,
});
