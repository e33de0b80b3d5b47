import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../errors.ts';
import { pathValues } from './paths.ts';

function parseMod(value: unknown): [divisor: number, remainder: number] {
  if (!Array.isArray(value))
    throw new CommandError('BadValue', 'malformed mod, needs to be an array');
  if (value.length < 2) throw new CommandError('BadValue', 'malformed mod, not enough elements');
  if (value.length > 2) throw new CommandError('BadValue', 'malformed mod, too many elements');
  const [divisor, remainder] = value;
  if (typeof divisor !== 'number' || !Number.isFinite(divisor)) {
    throw new CommandError('BadValue', 'malformed mod, divisor not a number');
  }
  if (typeof remainder !== 'number' || !Number.isFinite(remainder)) {
    throw new CommandError('BadValue', 'malformed mod, remainder not a number');
  }
  if (Math.trunc(divisor) === 0) throw new CommandError('BadValue', 'divisor cannot be 0');
  return [Math.trunc(divisor), Math.trunc(remainder)];
}

/**
 * `$mod` as MongoDB reads it: numbers only (mingo's `%` also took the string '5' as 5), each
 * truncated to an integer, the divisor and remainder too.
 */
export function $mod(selector: string, value: unknown, _options: Options) {
  const [divisor, remainder] = parseMod(value);
  return (o: AnyObject) =>
    pathValues(o, selector).some(
      (v) => typeof v === 'number' && Number.isFinite(v) && Math.trunc(v) % divisor === remainder,
    );
}
