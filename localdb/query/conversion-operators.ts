import { type Binary, calculateObjectSize, Long, ObjectId, type Timestamp } from 'bson';
import { evalExpr } from 'mingo/core';
import {
  $convert as mingoConvert,
  $toDate as mingoToDate,
  $toString as mingoToString,
} from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../errors.ts';
import { bsonTag, NumberKind, numberKind } from './bson-type.ts';
import { isPlainObject } from './paths.ts';
import { evalTyped } from './typed/expression.ts';
import { originOf } from './view.ts';

/**
 * Expression operators mingo lacks or reads differently for BSON values, as MongoDB computes them:
 * ObjectId conversions (`$toObjectId`, `$convert` to or from `objectId`, `$toString` of one),
 * int64 and decimal128 to strings with their exact digits,
 * `$indexOfCP`, `$bsonSize`, `$binarySize`, `$tsSecond` and `$tsIncrement`.
 */
type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;
type ConvertArgs = Parameters<typeof mingoConvert>[1];

function toObjectId(value: unknown): ObjectId {
  if (bsonTag(value) === 'ObjectId') return value as ObjectId;
  if (typeof value === 'string' && /^[0-9a-fA-F]{24}$/.test(value)) return new ObjectId(value);
  const detail =
    typeof value === 'string'
      ? `Invalid string length for parsing to OID, expected 24 but found ${value.length}`
      : 'Unsupported conversion to objectId';
  throw new CommandError(
    'ConversionFailure',
    `Failed to parse objectId '${String(value)}' in $convert with no onError value: ${detail}`,
  );
}

export const $toObjectId: Expression = (obj, expr, options) => {
  const value: unknown = evalExpr(obj, expr, options);
  return value === null || value === undefined ? null : toObjectId(value);
};

/** An int64's or decimal128's exact digits (a decimal keeps its trailing zeros), else undefined. */
function exactDigits(value: unknown): string | undefined {
  const kind = numberKind(value);
  return kind === NumberKind.Long || kind === NumberKind.Decimal ? String(value) : undefined;
}

export const $toString: Expression = (obj, expr, options) => {
  const digits = exactDigits(evalTyped(obj, expr, options));
  if (digits !== undefined) return digits;
  const value: unknown = evalExpr(obj, expr, options);
  if (bsonTag(value) === 'ObjectId') return (value as ObjectId).toHexString();
  return mingoToString(obj, { $literal: value }, options);
};

/** An ObjectId's date is its timestamp, as mongod converts it (mingo refused it). */
const dateOf = (id: ObjectId) => id.getTimestamp();

export const $toDate: Expression = (obj, expr, options) => {
  const value: unknown = evalExpr(obj, expr, options);
  if (bsonTag(value) === 'ObjectId') return dateOf(value as ObjectId);
  return mingoToDate(obj, { $literal: value }, options);
};

export const $convert: Expression = (obj, expr, options) => {
  if (!isPlainObject(expr)) return mingoConvert(obj, expr as ConvertArgs, options);
  const to: unknown = evalExpr(obj, expr.to, options);
  const input: unknown = evalExpr(obj, expr.input, options);
  if ((to === 'date' || to === 9) && bsonTag(input) === 'ObjectId')
    return dateOf(input as ObjectId);
  const toObjectIdType = to === 'objectId' || to === 7;
  const toStringType = to === 'string' || to === 2;
  const digits = toStringType ? exactDigits(evalTyped(obj, expr.input, options)) : undefined;
  if (digits !== undefined) return digits;
  const fromObjectId = toStringType && bsonTag(input) === 'ObjectId';
  if (!toObjectIdType && !fromObjectId)
    return mingoConvert(obj, expr as unknown as ConvertArgs, options);
  if (input === null || input === undefined) {
    return expr.onNull === undefined ? null : evalExpr(obj, expr.onNull, options);
  }
  if (fromObjectId) return (input as ObjectId).toHexString();
  try {
    return toObjectId(input);
  } catch (error) {
    if (expr.onError === undefined) throw error;
    return evalExpr(obj, expr.onError, options);
  }
};

export const $indexOfCP: Expression = (obj, expr, options) => {
  const args: unknown = evalExpr(obj, expr, options);
  if (!Array.isArray(args) || args.length < 2 || args.length > 4) {
    throw new CommandError(
      'Location28667',
      'Expression $indexOfCP takes at least 2 arguments, and at most 4',
    );
  }
  const [text, token, start = 0, end] = args as unknown[];
  if (text === null || text === undefined) return null;
  if (typeof text !== 'string' || typeof token !== 'string') {
    throw new CommandError(
      'Location40093',
      '$indexOfCP requires a string as the first and second argument',
    );
  }
  const points = Array.from(text);
  const wanted = Array.from(token);
  const from = Number(start);
  const to = Math.min(end === undefined ? points.length : Number(end), points.length);
  for (let at = from; at + wanted.length <= to; at += 1) {
    if (wanted.every((p, i) => points[at + i] === p)) return at;
  }
  return -1;
};

export const $bsonSize: Expression = (obj, expr, options) => {
  const value: unknown = evalExpr(obj, expr, options);
  if (value === null || value === undefined) return null;
  if (!isPlainObject(value)) {
    throw new CommandError('Location31393', '$bsonSize requires a document input');
  }
  // The stored document when the view is unchanged, so numbers count with their stored types.
  return calculateObjectSize(originOf(value) ?? value);
};

export const $binarySize: Expression = (obj, expr, options) => {
  const value: unknown = evalExpr(obj, expr, options);
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (bsonTag(value) === 'Binary') return (value as Binary).length();
  if (value instanceof Uint8Array) return value.byteLength;
  throw new CommandError('Location51276', '$binarySize requires a string or BinData argument');
};

const timestampPart =
  (part: 't' | 'i', name: string): Expression =>
  (obj, expr, options) => {
    const value: unknown = evalExpr(obj, expr, options);
    if (value === null || value === undefined) return null;
    if (bsonTag(value) !== 'Timestamp') {
      throw new CommandError('Location5687301', `${name} expects argument of type timestamp`);
    }
    return Long.fromNumber((value as Timestamp)[part]);
  };

export const $tsSecond = timestampPart('t', '$tsSecond');
export const $tsIncrement = timestampPart('i', '$tsIncrement');
