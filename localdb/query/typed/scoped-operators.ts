import type { AnyObject } from 'mingo/types';
import { numberKind, toNumber } from '../bson-type.ts';
import { isPlainObject } from '../paths.ts';
import { DEFER } from './numbers.ts';
import { withFrame } from './variables.ts';

/**
 * Operators that bind variables or choose a branch, evaluated on stored types: `$let`, `$map`,
 * `$filter`, `$reduce` and `$switch`. An element of a decimal128 array stays a decimal128 through
 * them, and arithmetic on `$$this` or `$$value` is typed (expression.ts). Their conditions may be
 * mingo's: it sees the variables in view form (variables.ts). A shape mongod refuses is left to
 * mingo (`undefined` when compiling, DEFER when running), which raises mongod's error.
 */
type Compiled = (obj: AnyObject) => unknown;
/** Compiles a sub-expression; `at` names its place in the operator's arguments (for literals). */
export type CompileAt = (expr: unknown, at: string) => Compiled;

/** mongod's truthiness: false, null, missing and a zero of any numeric type are false. */
export const truthy = (v: unknown) =>
  !(
    v === false ||
    v === null ||
    v === undefined ||
    (numberKind(v) !== undefined && toNumber(v) === 0)
  );

/** A user variable's name, as mongod accepts it. */
const isName = (v: unknown): v is string => typeof v === 'string' && /^[a-z]\w*$/.test(v);

function compileLet(args: AnyObject, compile: CompileAt): Compiled | undefined {
  const { vars, in: body } = args;
  if (!isPlainObject(vars) || body === undefined || Object.keys(args).length !== 2) return;
  if (!Object.keys(vars).every(isName)) return;
  const bindings = Object.keys(vars).map(
    (name) => [name, compile(vars[name], `vars.${name}`)] as const,
  );
  const result = compile(body, 'in');
  return (obj) => {
    const frame: AnyObject = {};
    for (const [name, value] of bindings) frame[name] = value(obj);
    return withFrame(frame, () => result(obj));
  };
}

/** `$map`, `$filter` and `$reduce` read an array input: null or missing gives null. */
function overArray(
  input: Compiled,
  each: (array: readonly unknown[], obj: AnyObject) => unknown,
): Compiled {
  return (obj) => {
    const array = input(obj);
    if (array === null || array === undefined) return null;
    return Array.isArray(array) ? each(array, obj) : DEFER;
  };
}

function compileMap(args: AnyObject, compile: CompileAt): Compiled | undefined {
  const as = args.as ?? 'this';
  if (!isName(as) || args.input === undefined || args.in === undefined) return;
  const body = compile(args.in, 'in');
  return overArray(compile(args.input, 'input'), (array, obj) =>
    array.map((element) => withFrame({ [as]: element }, () => body(obj)) ?? null),
  );
}

function compileFilter(args: AnyObject, compile: CompileAt): Compiled | undefined {
  const as = args.as ?? 'this';
  const limit = args.limit ?? Number.POSITIVE_INFINITY;
  if (!isName(as) || args.input === undefined || args.cond === undefined) return;
  const whole = Number.isInteger(limit) || limit === Number.POSITIVE_INFINITY;
  if (typeof limit !== 'number' || !whole || limit < 1) return;
  const cond = compile(args.cond, 'cond');
  return overArray(compile(args.input, 'input'), (array, obj) => {
    const kept: unknown[] = [];
    for (const element of array) {
      if (kept.length >= limit) break;
      if (truthy(withFrame({ [as]: element }, () => cond(obj)))) kept.push(element);
    }
    return kept;
  });
}

function compileReduce(args: AnyObject, compile: CompileAt): Compiled | undefined {
  if (args.input === undefined || args.initialValue === undefined || args.in === undefined) return;
  const initial = compile(args.initialValue, 'initialValue');
  const body = compile(args.in, 'in');
  return overArray(compile(args.input, 'input'), (array, obj) => {
    let value = initial(obj);
    for (const element of array) value = withFrame({ value, this: element }, () => body(obj));
    return value;
  });
}

function compileSwitch(args: AnyObject, compile: CompileAt): Compiled | undefined {
  const { branches } = args;
  if (!Array.isArray(branches) || branches.length === 0) return;
  if (!branches.every((b) => isPlainObject(b) && b.case !== undefined && b.then !== undefined))
    return;
  const compiled = branches.map((b: AnyObject, i) => ({
    when: compile(b.case, `branches.${i}.case`),
    value: compile(b.then, `branches.${i}.then`),
  }));
  const otherwise = args.default === undefined ? undefined : compile(args.default, 'default');
  return (obj) => {
    for (const branch of compiled) if (truthy(branch.when(obj))) return branch.value(obj);
    // No branch and no default: mongod's error, which mingo raises.
    return otherwise ? otherwise(obj) : DEFER;
  };
}

export const SCOPED_OPERATORS: Readonly<
  Record<string, (args: AnyObject, compile: CompileAt) => Compiled | undefined>
> = Object.freeze({
  $let: compileLet,
  $map: compileMap,
  $filter: compileFilter,
  $reduce: compileReduce,
  $switch: compileSwitch,
});
