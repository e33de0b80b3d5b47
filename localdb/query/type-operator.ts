import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../errors.ts';
import { matchesBsonType } from './bson-type-name.ts';
import { getPath, pathValues } from './paths.ts';
import { originOf } from './view.ts';

/** BSON type numbers `$type` accepts besides the aliases. */
const TYPE_NUMBERS: Readonly<Record<number, string>> = Object.freeze({
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
});

function alias(spec: unknown): string {
  if (typeof spec === 'string') return spec;
  if (typeof spec === 'number' && TYPE_NUMBERS[spec]) return TYPE_NUMBERS[spec];
  throw new CommandError('BadValue', `Invalid numerical type code: ${String(spec)}`);
}

/**
 * `$type` checked on the stored document: views hold every number as a JS number, so telling
 * int from long or double needs the stored value (see view.ts). An array field matches 'array'
 * and any type among its elements, as in MongoDB.
 */
export function $type(
  selector: string,
  value: unknown,
  _options: Options,
): (o: AnyObject) => boolean {
  const wanted = (Array.isArray(value) ? value : [value]).map(alias);
  return (o) => {
    const doc = originOf(o) ?? o;
    const direct = getPath(doc, selector);
    const candidates = Array.isArray(direct) ? [direct, ...direct] : pathValues(doc, selector);
    return candidates.some((v) => wanted.some((t) => matchesBsonType(v, t)));
  };
}
