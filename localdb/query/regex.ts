import { CommandError } from '../errors.ts';
import { isPlainObject } from './paths.ts';
import { adoptOrigin, originOf } from './view.ts';

const MONGO_FLAGS = new Set(['i', 'm', 's', 'x', 'u']);

/**
 * A pattern written for `x` (extended): unescaped whitespace and `#` comments outside character
 * classes are dropped, as PCRE does; JS has no such flag.
 */
function stripExtended(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let at = 0; at < pattern.length; at += 1) {
    const char = pattern[at] ?? '';
    if (char === '\\') {
      out += char + (pattern[at + 1] ?? '');
      at += 1;
    } else if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
    } else if (char === '#') {
      while (at < pattern.length && pattern[at] !== '\n') at += 1;
    } else if (!/\s/.test(char)) out += char;
  }
  return out;
}

/** A MongoDB regular expression (options i, m, s, x, u) as a JS RegExp, refused as mongod does. */
export function mongoRegExp(pattern: string, options: string): RegExp {
  for (const flag of options) {
    if (!MONGO_FLAGS.has(flag)) {
      throw new CommandError('Location51108', `invalid flag in regex options: ${flag}`);
    }
  }
  const source = options.includes('x') ? stripExtended(pattern) : pattern;
  const flags = [...new Set(options.replace('x', ''))].join('');
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommandError('Location51091', `Regular expression is invalid: ${reason}`);
  }
}

/**
 * Every `{ $regex, $options }` of a filter (in views: a string or RegExp and a string) as one
 * RegExp, built the way MongoDB reads it: mingo would pass `x` and unknown flags to `new RegExp`.
 */
export function withMongoRegExps<T>(value: T): T {
  if (Array.isArray(value)) return sameOrigin(value, value.map(withMongoRegExps)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = sameOrigin(value, {});
  for (const [key, v] of Object.entries(value)) out[key] = withMongoRegExps(v);
  if ('$regex' in out) {
    const { $regex, $options, ...rest } = out;
    const source = $regex instanceof RegExp ? $regex.source : $regex;
    const options =
      typeof $options === 'string' ? $options : $regex instanceof RegExp ? $regex.flags : '';
    if (typeof source !== 'string') {
      throw new CommandError('BadValue', '$regex has to be a string');
    }
    return { ...rest, $regex: mongoRegExp(source, options) } as T;
  }
  return out as T;
}

/** A rebuilt view keeps its stored origin, so typed stages still find the literals' BSON types. */
function sameOrigin<T extends object>(view: object, rebuilt: T): T {
  const origin = originOf(view);
  if (origin) adoptOrigin(rebuilt, origin);
  return rebuilt;
}
