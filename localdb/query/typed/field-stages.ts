import { evalExpr } from 'mingo/core';
import type { Iterator } from 'mingo/lazy';
import type { AnyObject, Options } from 'mingo/types';
import { removeValue, setValue } from 'mingo/util';
import { parseCollation } from '../collation.ts';
import { isPlainObject } from '../paths.ts';
import { adoptOrigin, originOf } from '../view.ts';
import { compileTyped, isTypedExpression, viewOf } from './expression.ts';

/**
 * `$addFields` (and `$set`) computing fields on stored types (expression.ts): a field set to
 * `{ $multiply: ['$price', '$qty'] }` over decimal128 prices is a decimal128, at the top level
 * or down a dotted path of embedded documents. Other expressions, and dotted paths through
 * arrays or scalars, are computed as mingo does. The output's origin is its input's with the
 * typed fields set, so untouched fields keep their types even without an `_id`.
 */
export function $addFields(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  const fields = Object.keys(expr);
  if (fields.length === 0) return collection;
  const fold = parseCollation(options.collation)?.fold;
  const literals = originOf(expr) as AnyObject | undefined;
  const typed = new Map(
    fields
      .filter((f) => isTypedExpression(expr[f]))
      .map((f) => [f, compileTyped(expr[f], options, fold, literals?.[f])]),
  );
  return collection.map((item) => {
    const obj = item as AnyObject;
    const out: AnyObject = { ...obj };
    const twin: AnyObject = { ...((originOf(obj) as AnyObject | undefined) ?? obj) };
    for (const field of fields) {
      const compute = typed.get(field);
      const value: unknown = compute ? compute(obj) : evalExpr(obj, expr[field], options);
      if (value === undefined) {
        removeValue(out, field);
        delete twin[field];
      } else if (field.includes('.')) {
        if (!compute || !setTypedPath(out, twin, field.split('.'), value))
          setValue(out, field, compute ? viewOf(value) : value);
      } else {
        out[field] = compute ? viewOf(value) : value;
        twin[field] = value;
      }
    }
    adoptOrigin(out, twin);
    return out;
  });
}

export const $set = $addFields;

/** A `$project` split in two: what mingo projects, then the typed fields put in place. */
export interface TypedProjection {
  /** The stage for mingo, each typed field held by a `null` placeholder that keeps its place. */
  readonly spec: AnyObject;
  readonly finish: (out: AnyObject, input: AnyObject) => AnyObject;
}

/**
 * Fields computed by a typed expression get their stored types (and only typed evaluation runs
 * them, so its errors are mongod's), the others their input's stored counterparts, used where
 * the values are equal.
 */
export function typedProjection(expr: AnyObject, options: Options): TypedProjection {
  const fold = parseCollation(options.collation)?.fold;
  const literals = originOf(expr) as AnyObject | undefined;
  const computed = new Map(
    Object.keys(expr)
      .filter((f) => !f.includes('.') && isTypedExpression(expr[f]))
      .map((f) => [f, compileTyped(expr[f], options, fold, literals?.[f])]),
  );
  const spec = { ...expr };
  for (const field of computed.keys()) spec[field] = { $literal: null };
  const finish = (out: AnyObject, input: AnyObject): AnyObject => {
    const base = originOf(input) as AnyObject | undefined;
    if (!base && computed.size === 0) return out;
    const twin: AnyObject = {};
    for (const [field, value] of Object.entries(out)) {
      const compute = computed.get(field);
      const typedValue = compute ? compute(input) : (base?.[field] ?? value);
      if (typedValue === undefined) {
        delete out[field];
        continue;
      }
      if (compute) out[field] = viewOf(typedValue);
      twin[field] = typedValue;
    }
    adoptOrigin(out, twin);
    return out;
  };
  return { spec: computed.size ? spec : expr, finish };
}

/**
 * Sets a typed value down a dotted path of embedded documents (created where missing), each
 * level a fresh copy whose origin holds the stored values, so the leaf restores as its type.
 * False, with nothing changed, where the path meets an array or a scalar: mingo's rules apply.
 */
function setTypedPath(out: AnyObject, twin: AnyObject, path: string[], value: unknown): boolean {
  const parents = path.slice(0, -1);
  let view: unknown = out;
  for (const key of parents) {
    view = (view as AnyObject)[key];
    if (view === undefined) break;
    if (!isPlainObject(view)) return false;
  }
  let o = out;
  let t = twin;
  for (const key of parents) {
    const next = o[key] as AnyObject | undefined;
    const stored = t[key];
    const copy: AnyObject = next === undefined ? {} : { ...next };
    const copyTwin: AnyObject = isPlainObject(stored)
      ? { ...stored }
      : { ...((next && (originOf(next) as AnyObject | undefined)) ?? copy) };
    o[key] = copy;
    t[key] = copyTwin;
    adoptOrigin(copy, copyTwin);
    o = copy;
    t = copyTwin;
  }
  const leaf = path.at(-1) as string;
  o[leaf] = viewOf(value);
  t[leaf] = value;
  return true;
}
