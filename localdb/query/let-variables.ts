import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { CommandError } from '../errors.ts';
import { isPlainObject } from './paths.ts';
import { queryOptions } from './query-options.ts';
import { toView } from './view.ts';

/**
 * A command's `let` document evaluated once, as MongoDB does: each value is an expression
 * (`{$literal: '$x'}` gives the string '$x'); the result is in view form, ready for mingo.
 */
export function letVariables(raw: unknown): Document | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw))
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'let' is the wrong type, expected type 'object'",
    );
  const options = queryOptions();
  const out: Document = {};
  for (const [name, expression] of Object.entries(toView(raw) as Document)) {
    try {
      out[name] = evalExpr({}, expression, options as Parameters<typeof evalExpr>[2]);
    } catch (error) {
      throw new CommandError(
        'BadValue',
        error instanceof Error ? error.message : String(error),
        {},
        { cause: error },
      );
    }
  }
  return out;
}
