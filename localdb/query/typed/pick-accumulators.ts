import type { AnyObject, Options } from 'mingo/types';
import type { Collation } from '../collation.ts';
import { compareBson } from '../compare.ts';
import { isPlainObject } from '../paths.ts';
import { parseSort, sortDocuments } from '../sort.ts';
import { compileTyped } from './expression.ts';

/**
 * `$group` accumulators that pick members' values, answered as stored (a decimal128 score stays
 * one): `$firstN`/`$lastN` (missing as null), `$maxN`/`$minN` (null and missing left out, in
 * BSON order), `$top`/`$bottom`/`$topN`/`$bottomN` by their `sortBy`. Only a literal `n` is
 * taken here; an `n` computed from the group key, or anything mongod would refuse, is mingo's.
 */
export type Pick = (members: readonly AnyObject[]) => unknown;

const N_OF = new Set(['$firstN', '$lastN', '$maxN', '$minN', '$topN', '$bottomN']);
const SORTED = new Set(['$top', '$bottom', '$topN', '$bottomN']);

export function compilePick(
  spec: unknown,
  options: Options,
  collation: Collation | undefined,
): Pick | undefined {
  if (!isPlainObject(spec) || Object.keys(spec).length !== 1) return undefined;
  const [name = ''] = Object.keys(spec);
  const arg: unknown = spec[name];
  if (!N_OF.has(name) && !SORTED.has(name)) return undefined;
  if (!isPlainObject(arg)) return undefined;
  const n = N_OF.has(name) ? arg.n : 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return undefined;
  const fold = collation?.fold;
  const strings = collation?.compare;
  if (SORTED.has(name)) {
    if (!isPlainObject(arg.sortBy) || !('output' in arg)) return undefined;
    const sort = parseSort(arg.sortBy);
    const output = compileTyped(arg.output, options, fold);
    const taken = (doc: AnyObject) => output(doc) ?? null;
    return (members) => {
      const sorted = sortDocuments([...members], sort, (d) => d, strings);
      if (name === '$top') return sorted[0] === undefined ? null : taken(sorted[0]);
      if (name === '$bottom')
        return sorted.at(-1) === undefined ? null : taken(sorted.at(-1) as AnyObject);
      return (name === '$topN' ? sorted.slice(0, n) : sorted.slice(-n)).map(taken);
    };
  }
  if (!('input' in arg)) return undefined;
  const input = compileTyped(arg.input, options, fold);
  if (name === '$firstN') return (members) => members.slice(0, n).map((d) => input(d) ?? null);
  if (name === '$lastN') return (members) => members.slice(-n).map((d) => input(d) ?? null);
  const sign = name === '$maxN' ? -1 : 1;
  return (members) =>
    members
      .map(input)
      .filter((v) => v !== null && v !== undefined)
      .sort((a, b) => sign * compareBson(a, b, strings))
      .slice(0, n);
}
