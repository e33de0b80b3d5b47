import { evalExpr } from 'mingo/core';
import type { Iterator } from 'mingo/lazy';
import type { AnyObject, Options } from 'mingo/types';
import { removeValue, setValue } from 'mingo/util';
import { parseCollation } from '../collation.ts';
import { adoptOrigin, originOf } from '../view.ts';
import { compileTyped, isTypedExpression, viewOf } from './expression.ts';

/**
 * `$addFields` (and `$set`) computing top-level fields on stored types (expression.ts): a field
 * set to `{ $multiply: ['$price', '$qty'] }` over decimal128 prices is a decimal128. Dotted
 * fields and other expressions are computed as mingo does. The output's origin is its input's
 * with the typed fields set, so untouched fields keep their types even without an `_id`.
 */
export function $addFields(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  const fields = Object.keys(expr);
  if (fields.length === 0) return collection;
  const fold = parseCollation(options.collation)?.fold;
  const literals = originOf(expr) as AnyObject | undefined;
  const typed = new Map(
    fields
      .filter((f) => !f.includes('.') && isTypedExpression(expr[f]))
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
        setValue(out, field, value);
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
