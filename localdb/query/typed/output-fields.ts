import type { AnyObject, Options } from 'mingo/types';
import type { Collation } from '../collation.ts';
import { isPlainObject } from '../paths.ts';
import { type Accumulate, typedAccumulator } from './accumulators.ts';
import { compileTyped, viewOf } from './expression.ts';
import { compilePick, type Pick } from './pick-accumulators.ts';

/** A stage's accumulated output fields, compiled once: typed, or left to mingo (undefined). */
type OutputField =
  | { accumulate: Accumulate; value: (obj: AnyObject) => unknown }
  | { pick: Pick }
  | undefined;
type Compiled = ReadonlyMap<string, OutputField>;

/**
 * The output fields of `$group` or `$bucket` (`{ total: { $sum: '$price' } }`), compiled for
 * typed accumulation; `literals` is the stage spec's stored counterpart (its origin).
 */
export function compileOutputFields(
  spec: AnyObject,
  fields: readonly string[],
  literals: AnyObject | undefined,
  options: Options,
  collation: Collation | undefined,
): Compiled {
  return new Map<string, OutputField>(
    fields.map((k): [string, OutputField] => {
      const pick = compilePick(spec[k], options, collation);
      if (pick) return [k, { pick }];
      const accumulator = typedAccumulator(spec[k], false);
      if (!accumulator) return [k, undefined];
      const stored = literals?.[k];
      const literal = isPlainObject(stored) ? Object.values(stored)[0] : undefined;
      const value = compileTyped(accumulator.arg, options, collation?.fold, literal);
      return [k, { accumulate: accumulator.accumulate, value }];
    }),
  );
}

/**
 * Sets each output field of one group on its view and its twin (the view's origin): typed
 * accumulators over `members`, the others as mingo computed them (`computed`).
 */
export function accumulateFields(
  compiled: Compiled,
  members: readonly AnyObject[],
  computed: AnyObject | undefined,
  view: AnyObject,
  twin: AnyObject,
  collation: Collation | undefined,
): void {
  for (const [field, accumulator] of compiled) {
    if (!accumulator) {
      view[field] = twin[field] = computed?.[field];
      continue;
    }
    const value =
      'pick' in accumulator
        ? accumulator.pick(members)
        : accumulator.accumulate(
            members.map((doc) => accumulator.value(doc)),
            collation?.compare,
            collation?.fold,
          );
    view[field] = viewOf(value);
    twin[field] = value;
  }
}
