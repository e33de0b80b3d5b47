import { evalExpr } from 'mingo/core';
import { type Iterator, Lazy } from 'mingo/lazy';
import type { AnyObject, Options } from 'mingo/types';
import { groupBy } from 'mingo/util';
import { parseCollation } from '../collation.ts';
import { compareBson, type StringCompare } from '../compare.ts';
import { isPlainObject } from '../paths.ts';
import { parseSort, sortDocuments } from '../sort.ts';
import { adoptOrigin, originOf } from '../view.ts';
import { type Accumulate, typedAccumulator } from './accumulators.ts';
import { compileTyped, viewOf } from './expression.ts';

/** A window's bound: an offset from the current document (±Infinity: the partition's end). */
type Bound = number;

interface TypedOutput {
  readonly field: string;
  readonly accumulate: Accumulate;
  readonly value: (doc: AnyObject) => unknown;
  /** `documents: [lower, upper]`; the whole partition when absent. */
  readonly window: readonly [Bound, Bound] | undefined;
}

const bound = (value: unknown, side: 'lower' | 'upper'): Bound | undefined => {
  if (value === 'current') return 0;
  if (value === 'unbounded') return side === 'lower' ? -Infinity : Infinity;
  return Number.isInteger(value) ? (value as number) : undefined;
};

/** `documents: [lower, upper]` as offsets, or undefined where mongod's rules are mingo's to tell. */
function documentsWindow(window: unknown): readonly [Bound, Bound] | undefined | false {
  if (window === undefined) return undefined;
  if (!isPlainObject(window) || Object.keys(window).join() !== 'documents') return false;
  const { documents } = window;
  if (!Array.isArray(documents) || documents.length !== 2) return false;
  const lower = bound(documents[0], 'lower');
  const upper = bound(documents[1], 'upper');
  if (lower === undefined || upper === undefined || lower > upper) return false;
  return [lower, upper];
}

/**
 * The outputs of a `$setWindowFields` spec when every one is an accumulator localdb types
 * (accumulators.ts) over a `documents` window or the whole partition; else undefined, and
 * mingo's stage computes them all (rank functions, range windows, dotted fields).
 */
function compileOutputs(expr: unknown, options: Options): TypedOutput[] | undefined {
  if (!isPlainObject(expr) || !isPlainObject(expr.output)) return undefined;
  const collation = parseCollation(options.collation);
  const literals = originOf(expr.output) as AnyObject | undefined;
  const outputs: TypedOutput[] = [];
  for (const [field, spec] of Object.entries(expr.output)) {
    if (field.includes('.') || field.startsWith('$') || !isPlainObject(spec)) return undefined;
    const { window, ...operator } = spec;
    const accumulator = typedAccumulator(operator, collation !== undefined);
    const documents = documentsWindow(window);
    if (!accumulator || documents === false) return undefined;
    // A bounded window needs an order: mingo refuses it without sortBy, as mongod does.
    if (documents && expr.sortBy === undefined) return undefined;
    const stored = literals?.[field];
    const literal = isPlainObject(stored) ? Object.values(stored)[0] : undefined;
    const value = compileTyped(accumulator.arg, options, collation?.fold, literal);
    outputs.push({ field, accumulate: accumulator.accumulate, value, window: documents });
  }
  return outputs.length > 0 ? outputs : undefined;
}

/**
 * `$setWindowFields` with accumulators over `documents` windows computed on stored types, as
 * mongod does: a running `$sum` of decimal128 prices is a decimal128, an int64 sum an int64.
 * Partitions come in `partitionBy` order, each sorted by `sortBy` (stable). Specs with other
 * operators or windows are left to `fallback` (mingo's stage).
 */
export function typedSetWindowFields(
  collection: Iterator,
  expr: AnyObject,
  options: Options,
  fallback: () => Iterator,
): Iterator {
  const outputs = compileOutputs(expr, options);
  if (!outputs) return fallback();
  const collation = parseCollation(options.collation);
  const sort = parseSort(expr.sortBy);
  return collection.transform((items) => {
    const sorted = sortDocuments(items as AnyObject[], sort, (d) => d, collation?.compare);
    const partitions = [...groupBy(sorted, (doc) => evalExpr(doc, expr.partitionBy, options))];
    partitions.sort(([a], [b]) => compareBson(a, b, collation?.compare));
    const out: AnyObject[] = [];
    const strings = collation?.compare;
    for (const [, members] of partitions)
      out.push(...windowed(members as AnyObject[], outputs, strings));
    return Lazy(out);
  });
}

function windowed(
  members: readonly AnyObject[],
  outputs: readonly TypedOutput[],
  strings: StringCompare | undefined,
): AnyObject[] {
  const rows = members.map((doc) => ({
    out: { ...doc } as AnyObject,
    twin: { ...((originOf(doc) as AnyObject | undefined) ?? doc) } as AnyObject,
  }));
  for (const output of outputs) {
    const values = members.map((doc) => output.value(doc));
    const whole = output.window ? undefined : output.accumulate(values, strings);
    rows.forEach((row, at) => {
      let value = whole;
      if (output.window) {
        const [lower, upper] = output.window;
        const from = Math.max(0, at + lower);
        const to = Math.min(values.length, at + upper + 1);
        value = output.accumulate(from < to ? values.slice(from, to) : [], strings);
      }
      row.out[output.field] = viewOf(value);
      row.twin[output.field] = value;
    });
  }
  return rows.map(({ out, twin }) => {
    adoptOrigin(out, twin);
    return out;
  });
}
