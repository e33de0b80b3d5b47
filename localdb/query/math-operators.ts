import { evalExpr } from 'mingo/core';
import { $round as mingoRound, $trunc as mingoTrunc } from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../errors.ts';
import { bsonTypeName } from './bson-type-name.ts';

/**
 * Arithmetic expressions where mingo and MongoDB part ways: mongod refuses a logarithm of a
 * number that is not positive and a `$mod` by zero (mingo answered null), answers null for a
 * null `$mod` operand (mingo refused it), and takes `$round` and `$trunc` with one argument
 * (mingo required two).
 */
type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;

const isNullish = (value: unknown): value is null | undefined =>
  value === null || value === undefined;

function operands(name: string, expr: unknown, count: number): unknown[] {
  const args = Array.isArray(expr) ? expr : [expr];
  if (args.length !== count) {
    throw new CommandError(
      'Location16020',
      `Expression ${name} takes exactly ${count} arguments. ${args.length} were passed in.`,
    );
  }
  return args;
}

function positive(name: string, what: string, value: number): number {
  if (value > 0) return value;
  const code = name === '$ln' ? 'Location28766' : 'Location28761';
  throw new CommandError(code, `${name}'s ${what} must be a positive number, but is ${value}`);
}

function numeric(name: string, value: unknown): number {
  if (typeof value === 'number') return value;
  throw new CommandError(
    'Location28765',
    `${name} only supports numeric types, not ${bsonTypeName(value)}`,
  );
}

const logarithm =
  (name: '$ln' | '$log10', log: (x: number) => number): Expression =>
  (obj, expr, options) => {
    const [arg] = operands(name, expr, 1);
    const value: unknown = evalExpr(obj, arg, options);
    return isNullish(value) ? null : log(positive(name, 'argument', numeric(name, value)));
  };

export const $ln = logarithm('$ln', Math.log);
export const $log10 = logarithm('$log10', Math.log10);

export const $log: Expression = (obj, expr, options) => {
  const [x, base] = operands('$log', expr, 2).map((a) => evalExpr(obj, a, options) as unknown);
  if (isNullish(x) || isNullish(base)) return null;
  if (typeof x !== 'number')
    throw new CommandError(
      'Location28756',
      `$log's argument must be numeric, not ${bsonTypeName(x)}`,
    );
  if (typeof base !== 'number')
    throw new CommandError(
      'Location28757',
      `$log's base must be numeric, not ${bsonTypeName(base)}`,
    );
  if (x <= 0)
    throw new CommandError(
      'Location28758',
      `$log's argument must be a positive number, but is ${x}`,
    );
  if (base <= 0 || base === 1) {
    throw new CommandError(
      'Location28759',
      `$log's base must be a positive number not equal to 1, but is ${base}`,
    );
  }
  return Math.log(x) / Math.log(base);
};

export const $mod: Expression = (obj, expr, options) => {
  const [dividend, divisor] = operands('$mod', expr, 2).map(
    (a) => evalExpr(obj, a, options) as unknown,
  );
  if (isNullish(dividend) || isNullish(divisor)) return null;
  if (typeof dividend !== 'number' || typeof divisor !== 'number') {
    throw new CommandError(
      'Location16611',
      `$mod only supports numeric types, not ${bsonTypeName(dividend)} and ${bsonTypeName(divisor)}`,
    );
  }
  if (divisor === 0) throw new CommandError('Location16610', "can't $mod by zero");
  return dividend % divisor;
};

/** `$round` and `$trunc` take `<number>` as `[<number>, 0]`. */
const onePlace =
  (operator: Expression): Expression =>
  (obj, expr, options) =>
    operator(obj, Array.isArray(expr) ? expr : [expr, 0], options);

export const $round = onePlace(mingoRound as Expression);
export const $trunc = onePlace(mingoTrunc as Expression);
