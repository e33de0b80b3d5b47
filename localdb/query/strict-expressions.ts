import { evalExpr } from 'mingo/core';
import {
  $size as mingoSize,
  $split as mingoSplit,
  $switch as mingoSwitch,
} from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../errors.ts';
import { bsonTypeName } from './bson-type-name.ts';
import { isPlainObject } from './paths.ts';

/**
 * Expressions mongod refuses where mingo answers something, so a pipeline that fails on MongoDB
 * fails here too: `$size` of anything but an array (mingo: null for null or missing), `$split`
 * on an empty separator (mingo: the characters), `$switch` with no matching branch and no
 * default (mingo: missing).
 */
type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;

export const $size: Expression = (obj, expr, options) => {
  const value: unknown = evalExpr(obj, Array.isArray(expr) ? expr[0] : expr, options);
  if (!Array.isArray(value)) {
    const type = value === undefined ? 'missing' : bsonTypeName(value);
    throw new CommandError(
      'Location17124',
      `The argument to $size must be an array. Type of argument: ${type}`,
    );
  }
  return (mingoSize as Expression)(obj, { $literal: value }, options);
};

export const $split: Expression = (obj, expr, options) => {
  if (Array.isArray(expr) && expr.length === 2 && evalExpr(obj, expr[1], options) === '')
    throw new CommandError('Location40087', '$split requires a non-empty separator');
  return (mingoSplit as Expression)(obj, expr, options);
};

export const $switch: Expression = (obj, expr, options) => {
  if (isPlainObject(expr) && expr.default === undefined && Array.isArray(expr.branches)) {
    const matched = expr.branches.some(
      (branch) =>
        isPlainObject(branch) && Boolean(evalExpr(obj, { $toBool: branch.case }, options)),
    );
    if (!matched) {
      throw new CommandError(
        'Location40066',
        '$switch could not find a matching branch for an input, and no default was specified.',
      );
    }
  }
  return (mingoSwitch as Expression)(obj, expr, options);
};
