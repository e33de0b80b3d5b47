import type { AnyObject, Options } from 'mingo/types';
import { isPlainObject } from '../paths.ts';
import { viewOf } from './expression.ts';
import { typedPath } from './field-path.ts';

/**
 * Variables bound by the typed `$let`, `$map`, `$filter` and `$reduce` (scoped-operators.ts),
 * holding typed values. Compiled expressions run synchronously, so the bindings in force are a
 * stack: the innermost frame that names a variable holds it.
 */
const frames: AnyObject[] = [];

/** Runs `body` with `bindings` in force. */
export function withFrame<T>(bindings: AnyObject, body: () => T): T {
  frames.push(bindings);
  try {
    return body();
  } finally {
    frames.pop();
  }
}

const NOT_BOUND = Symbol('not bound');

function bound(name: string): unknown {
  for (let i = frames.length - 1; i >= 0; i -= 1) {
    const frame = frames[i] as AnyObject;
    if (Object.hasOwn(frame, name)) return frame[name];
  }
  return NOT_BOUND;
}

/**
 * `options` with the bound variables in view form, for an expression mingo evaluates inside a
 * typed scope (a `$filter`'s `{ $gt: ['$$this', 1] }`). mingo's stages hand operators its own
 * ComputeOptions, whose `init` copies one; a plain options object takes `variables`.
 */
export function scopedOptions(options: Options): Options {
  if (frames.length === 0) return options;
  const variables: AnyObject = {};
  for (const frame of frames)
    for (const [name, value] of Object.entries(frame)) variables[name] = viewOf(value);
  const init = (options as { constructor?: { init?: unknown } }).constructor?.init;
  if (typeof init === 'function')
    return (init(options) as { update(l: object): Options }).update({ variables });
  return { ...options, variables: { ...options.variables, ...variables } };
}

type Fold = ((s: string) => string) | undefined;

/**
 * `$$name` and `$$name.path`: a variable of a typed scope, or the document itself for `$$ROOT`
 * and `$$CURRENT` (a stage's expressions see one document), with stored types; any other
 * (`$$NOW`, `$$REMOVE`, a command's `let`) is mingo's.
 */
export function compileVariable(
  expr: string,
  byMingo: (obj: AnyObject) => unknown,
  fold: Fold,
): (obj: AnyObject) => unknown {
  const [name = '', ...path] = expr.slice(2).split('.');
  const inside = (value: unknown) => {
    if (path.length === 0) return value;
    return isPlainObject(value) || Array.isArray(value) ? typedPath(value, path, fold) : undefined;
  };
  if (name === 'ROOT' || name === 'CURRENT') return (obj) => inside(obj);
  return (obj) => {
    const value = bound(name);
    return value === NOT_BOUND ? byMingo(obj) : inside(value);
  };
}
