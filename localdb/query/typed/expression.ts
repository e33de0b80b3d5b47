import { evalExpr } from 'mingo/core';
import type { AnyObject, Options } from 'mingo/types';
import { numberKind, toNumber } from '../bson-type.ts';
import { parseCollation } from '../collation.ts';
import { isPlainObject } from '../paths.ts';
import { adoptOrigin, cloneView, holdsInexact, keepStoredType, originOf } from '../view.ts';
import { TYPED_ARITHMETIC } from './arithmetic-operators.ts';
import { TYPED_ARRAYS } from './array-operators.ts';
import { typedPath } from './field-path.ts';
import { DEFER } from './numbers.ts';
import { TYPED_OBJECTS } from './object-operators.ts';
import { mergeObjects } from './objects.ts';
import { SCOPED_OPERATORS, truthy } from './scoped-operators.ts';
import { TYPED_SELECTION } from './selection.ts';
import { compileVariable, scopedOptions } from './variables.ts';

const TYPED_OPERATORS: Readonly<Record<string, (operands: readonly unknown[]) => unknown>> =
  Object.freeze({
    ...TYPED_ARITHMETIC,
    ...TYPED_SELECTION,
    ...TYPED_ARRAYS,
    ...TYPED_OBJECTS,
    $mergeObjects: mergeObjects,
  });

type Fold = ((s: string) => string) | undefined;

/**
 * Expressions evaluated with stored BSON types, so that arithmetic on decimal128 and int64 is
 * exact and typed as on mongod: field paths, variables (variables.ts), literals (their types come
 * from the stage's origin) and the operators of the arithmetic, selection, array, object and
 * scoped operator files. Any other expression is mingo's, on the view; its numbers are typed
 * only where they pass through unchanged (restoreOriginals at the end of the pipeline).
 * A typed value holds BSON numbers; objects and arrays in it are views that keep their origins.
 */
export function isTypedExpression(expr: unknown): boolean {
  if (typeof expr === 'string') return expr.startsWith('$');
  if (!isPlainObject(expr)) return false;
  const names = Object.keys(expr);
  const [name = ''] = names;
  return (
    names.length === 1 &&
    (Object.hasOwn(TYPED_OPERATORS, name) ||
      CONTROL.has(name) ||
      Object.hasOwn(SCOPED_OPERATORS, name))
  );
}

const CONTROL = new Set(['$cond', '$ifNull', '$literal']);

/**
 * Compiles `expr` once for a stage: the function answers its typed value for a document.
 * `literal`: the stage's stored value at the expression's place (a decimal128 literal, say).
 */
export function compileTyped(
  expr: unknown,
  options: Options,
  fold: Fold,
  literal?: unknown,
): (obj: AnyObject) => unknown {
  const byMingo = (obj: AnyObject): unknown => evalExpr(obj, expr, scopedOptions(options));
  if (typeof expr === 'string' && expr.startsWith('$$'))
    return compileVariable(expr, byMingo, fold);
  if (typeof expr === 'string' && expr.startsWith('$')) {
    const parts = expr.slice(1).split('.');
    const [key = ''] = parts;
    if (parts.length > 1) return (obj) => typedPath(obj, parts, fold);
    // The common `$field`, looked up directly.
    return (obj) => {
      const child: unknown = obj[key];
      if (child !== null && typeof child === 'object') return typedPath(obj, parts, fold);
      if (!fold && !holdsInexact(obj)) return child;
      return keepStoredType(child, (originOf(obj) as AnyObject | undefined)?.[key], fold);
    };
  }
  if (expr === null || typeof expr !== 'object') {
    const value = keepStoredType(expr, literal, fold);
    return () => value;
  }
  if (isObjectLiteral(expr)) return objectLiteral(expr, options, fold);
  if (Array.isArray(expr)) {
    // An array expression: each element typed, a missing one null (as mongod writes it).
    const stored = originOf(expr) as unknown[] | undefined;
    const elements = expr.map((e, i) => compileTyped(e, options, fold, stored?.[i]));
    return (obj) => elements.map((element) => element(obj) ?? null);
  }
  if (!isTypedExpression(expr)) return byMingo;
  const [name = ''] = Object.keys(expr);
  const args: unknown = (expr as AnyObject)[name];
  const stored = (originOf(expr) as AnyObject | undefined)?.[name];
  if (name === '$cond') return cond(args, options, fold, stored) ?? byMingo;
  if (name === '$literal') return literalValue(args, stored, fold);
  const scoped = SCOPED_OPERATORS[name];
  if (scoped) {
    if (!isPlainObject(args)) return byMingo;
    const places = stored as AnyObject | undefined;
    const compiled = scoped(args, (e, at) => compileTyped(e, options, fold, placeOf(places, at)));
    if (!compiled) return byMingo;
    return (obj) => {
      const result = compiled(obj);
      return result === DEFER ? byMingo(obj) : result;
    };
  }
  const operands = Array.isArray(args)
    ? args.map((a, i) =>
        compileTyped(a, options, fold, (originOf(args) as unknown[] | undefined)?.[i]),
      )
    : [compileTyped(args, options, fold, stored)];
  if (name === '$ifNull') return ifNull(operands) ?? byMingo;
  const compute = TYPED_OPERATORS[name];
  if (!compute) return byMingo;
  return (obj) => {
    const result = compute(operands.map((operand) => operand(obj)));
    return result === DEFER ? byMingo(obj) : result;
  };
}

type Compiled = (obj: AnyObject) => unknown;

/** The stored value at a dotted place (`branches.0.then`) of an operator's stored arguments. */
function placeOf(stored: unknown, at: string): unknown {
  let node = stored;
  for (const key of at.split('.')) node = (node as AnyObject | undefined)?.[key];
  return node;
}

/**
 * One expression's value with its stored BSON type, for an operator that asks for the type
 * itself (`$type`, `$toString`): mingo hands operators the view, whose numbers are JS numbers.
 */
export function evalTyped(obj: AnyObject, expr: unknown, options: Options): unknown {
  const [only] = Array.isArray(expr) && expr.length === 1 ? expr : [expr];
  return compileTyped(only, options, parseCollation(options.collation)?.fold)(obj);
}

/** `{ shop: '$shop', price: '$price' }` as an expression (a `$group` key, an operand). */
const isObjectLiteral = (expr: unknown): expr is AnyObject =>
  isPlainObject(expr) && Object.keys(expr).every((k) => !k.startsWith('$'));

/** An object expression: each field typed, missing ones left out, as one view and its twin. */
function objectLiteral(expr: AnyObject, options: Options, fold: Fold): Compiled {
  const stored = originOf(expr) as AnyObject | undefined;
  const fields = Object.keys(expr).map(
    (k) => [k, compileTyped(expr[k], options, fold, stored?.[k])] as const,
  );
  return (obj) => {
    const view: AnyObject = {};
    const twin: AnyObject = {};
    for (const [key, field] of fields) {
      const value = field(obj);
      if (value === undefined) continue;
      view[key] = viewOf(value);
      twin[key] = value;
    }
    adoptOrigin(view, twin);
    return view;
  };
}

/**
 * `$literal`: its value as stored, so a decimal128 or int64 in it keeps its type (mingo's answer
 * is the view's JS number); objects and arrays are copied per document, keeping their origins.
 */
function literalValue(value: unknown, stored: unknown, fold: Fold): Compiled {
  if (value !== null && typeof value === 'object') return () => cloneView(value);
  const typed = keepStoredType(value, stored, fold);
  return () => typed;
}

/** `$ifNull: [a, b, …, replacement]`: the first operand neither null nor missing, else the last. */
function ifNull(operands: readonly Compiled[]): Compiled | undefined {
  if (operands.length < 2) return undefined;
  return (obj) => {
    for (const operand of operands.slice(0, -1)) {
      const value = operand(obj);
      if (value !== null && value !== undefined) return value;
    }
    return operands.at(-1)?.(obj);
  };
}

/** `$cond` in either form; only the branch taken is evaluated, as a guard for `$divide` needs. */
function cond(args: unknown, options: Options, fold: Fold, stored: unknown): Compiled | undefined {
  const named = isPlainObject(args) && Object.keys(args).length === 3;
  const parts = Array.isArray(args) ? args : named ? [args.if, args.then, args.else] : undefined;
  if (parts?.length !== 3 || (named && parts.includes(undefined))) return undefined;
  const storedParts = Array.isArray(stored)
    ? stored
    : isPlainObject(stored)
      ? [stored.if, stored.then, stored.else]
      : [];
  const [test, then, otherwise] = parts;
  const when = compileTyped(test, options, fold, storedParts[0]);
  const yes = compileTyped(then, options, fold, storedParts[1]);
  const no = compileTyped(otherwise, options, fold, storedParts[2]);
  return (obj) => (truthy(when(obj)) ? yes(obj) : no(obj));
}

/** The view of a typed value: numbers as JS numbers, arrays remembering the typed ones. */
export function viewOf(value: unknown): unknown {
  if (numberKind(value) !== undefined && typeof value !== 'number') return toNumber(value);
  if (!Array.isArray(value)) return value;
  const view = value.map(viewOf);
  adoptOrigin(view, value);
  return view;
}
