import { evalExpr } from 'mingo/core';
import {
  $strcasecmp as mingoStrcasecmp,
  $toLower as mingoToLower,
  $toUpper as mingoToUpper,
} from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../errors.ts';
import { bsonTypeName } from './bson-type-name.ts';

/**
 * String expressions mingo computes on JS strings where mongod works on UTF-8 bytes and ASCII:
 * `$indexOfBytes` answers a byte offset (mingo's was a UTF-16 index); `$toUpper`, `$toLower` and
 * `$strcasecmp` change the case of ASCII letters only ('é' stays 'é', as mongod documents), and
 * read null as "".
 */
type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;

const asciiUpper = (s: string) => s.replace(/[a-z]+/g, (run) => run.toUpperCase());
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (run) => run.toLowerCase());

/** Strings mapped by `ascii`; anything else as mingo coerces it. */
const asciiCase =
  (ascii: (s: string) => string, mingo: Expression): Expression =>
  (obj, expr, options) => {
    const value: unknown = evalExpr(obj, Array.isArray(expr) ? expr[0] : expr, options);
    if (value === null || value === undefined) return '';
    return typeof value === 'string' ? ascii(value) : mingo(obj, { $literal: value }, options);
  };

export const $toUpper = asciiCase(asciiUpper, mingoToUpper as Expression);
export const $toLower = asciiCase(asciiLower, mingoToLower as Expression);

/** Compares as mongod: ASCII letters folded, then UTF-8 bytes; null and missing read as "". */
export const $strcasecmp: Expression = (obj, expr, options) => {
  const args = (Array.isArray(expr) ? expr : [expr]).map(
    (a) => evalExpr(obj, a, options) as unknown,
  );
  const [a, b] = args.map((v) => (v === null || v === undefined ? '' : v));
  if (args.length !== 2 || typeof a !== 'string' || typeof b !== 'string')
    return (mingoStrcasecmp as Expression)(obj, expr, options);
  return Math.sign(Buffer.compare(Buffer.from(asciiUpper(a)), Buffer.from(asciiUpper(b))));
};

function byteOffset(value: unknown, which: 'starting' | 'ending'): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const code = which === 'starting' ? 'Location40096' : 'Location40097';
  throw new CommandError(
    code,
    `$indexOfBytes requires an ${which} index that is a nonnegative integer, found: ${String(value)}`,
  );
}

export const $indexOfBytes: Expression = (obj, expr, options) => {
  const args = (Array.isArray(expr) ? expr : [expr]).map(
    (a) => evalExpr(obj, a, options) as unknown,
  );
  if (args.length < 2 || args.length > 4) {
    throw new CommandError(
      'Location16020',
      `Expression $indexOfBytes takes at least 2 arguments, and at most 4, but ${args.length} were passed in.`,
    );
  }
  const [input, token, start, end] = args;
  if (input === null || input === undefined) return null;
  if (typeof input !== 'string')
    throw new CommandError(
      'Location40091',
      `$indexOfBytes requires a string as the first argument, found: ${bsonTypeName(input)}`,
    );
  if (typeof token !== 'string')
    throw new CommandError(
      'Location40092',
      `$indexOfBytes requires a string as the second argument, found: ${bsonTypeName(token)}`,
    );
  const bytes = Buffer.from(input, 'utf8');
  const from = start === undefined ? 0 : byteOffset(start, 'starting');
  const to = end === undefined ? bytes.length : Math.min(bytes.length, byteOffset(end, 'ending'));
  if (from > bytes.length || to < from) return -1;
  return bytes.subarray(0, to).indexOf(Buffer.from(token, 'utf8'), from);
};
