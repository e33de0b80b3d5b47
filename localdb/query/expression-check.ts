import type { Document } from 'bson';
import { OpType } from 'mingo/core';
import { CommandError } from '../errors.ts';
import { LOCALDB_CONTEXT } from './mingo-context.ts';
import { isPlainObject } from './paths.ts';

const LOGICAL = new Set(['$and', '$or', '$nor']);

function known(operator: string): boolean {
  // `$meta` is read by localdb itself (a text score), before mingo sees the pipeline.
  return (
    operator === '$meta' ||
    LOCALDB_CONTEXT.getOperator(OpType.EXPRESSION, operator) !== null ||
    LOCALDB_CONTEXT.getOperator(OpType.ACCUMULATOR, operator) !== null
  );
}

/** An aggregation expression's operators, as mongod parses them (mingo finds them when it evaluates). */
export function checkExpression(expr: unknown): void {
  if (Array.isArray(expr)) {
    for (const item of expr) checkExpression(item);
    return;
  }
  if (!isPlainObject(expr)) return;
  const keys = Object.keys(expr);
  const [first] = keys;
  if (first?.startsWith('$')) {
    if (keys.length > 1) {
      throw new CommandError(
        'Location15983',
        `an expression specification must contain exactly one field, the name of the expression. Found ${keys.length} fields`,
      );
    }
    if (!known(first)) {
      throw new CommandError('InvalidPipelineOperator', `Unrecognized expression '${first}'`);
    }
    if (first !== '$literal') checkExpression(expr[first]);
    return;
  }
  for (const key of keys) {
    if (key.startsWith('$')) {
      throw new CommandError('Location16410', "FieldPath field names may not start with '$'.");
    }
    checkExpression(expr[key]);
  }
}

/** A `$group` stage: its `_id` expression, and one known accumulator per other field. */
export function checkGroup(spec: Document): void {
  for (const [field, value] of Object.entries(spec)) {
    if (field === '_id') {
      checkExpression(value);
      continue;
    }
    const [operator, ...others] = isPlainObject(value) ? Object.keys(value) : [];
    if (!isPlainObject(value) || operator === undefined || others.length > 0) {
      throw new CommandError('Location40234', `The field '${field}' must be an accumulator object`);
    }
    if (LOCALDB_CONTEXT.getOperator(OpType.ACCUMULATOR, operator) === null) {
      throw new CommandError('Location15952', `unknown group operator '${operator}'`);
    }
    checkExpression(value[operator]);
  }
}

/**
 * The `$expr` clauses of a query filter (at its top or under `$and`/`$or`/`$nor`). mongod refuses
 * an unknown operator in one before it reads a document; mingo, only when it evaluates the clause,
 * so an empty collection or a short-circuit would have let it through.
 */
export function checkFilterExpressions(filter: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$expr') checkExpression(value);
    else if (LOGICAL.has(key) && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) checkFilterExpressions(clause);
    }
  }
}
