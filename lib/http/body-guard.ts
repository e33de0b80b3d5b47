import { ApiError, type FieldError } from './errors.ts';
import { toPointer } from './validation-middleware.ts';

/**
 * Structural limits every JSON body meets before any schema or model code sees it, whatever
 * the route: routes take plain data, so no key of theirs starts with `$`, contains `.` or NUL,
 * or names a prototype; no text holds NUL; and nesting and size stay small enough that
 * validation cost is bounded.
 */
export const BODY_LIMITS = Object.freeze({ maxDepth: 32, maxValues: 10_000, maxErrors: 20 });

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function keyProblem(key: string): string | undefined {
  if (key.startsWith('$')) return 'must not start with $ (operators are not accepted)';
  if (key.includes('.')) return 'must not contain . (dotted paths are not accepted)';
  if (key.includes('\u0000')) return 'must not contain NUL characters';
  if (PROTOTYPE_KEYS.has(key)) return 'is a reserved name';
  return undefined;
}

function tooComplex(detail: string): ApiError {
  return new ApiError(413, detail, { type: 'payload-too-large' });
}

/** Walks the parsed body iteratively (deep input cannot exhaust the stack); throws on the first limit. */
export function guardBody(body: unknown, limits = BODY_LIMITS): void {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  let values = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    values += 1;
    if (values > limits.maxValues) {
      throw tooComplex(`The request body holds more than ${limits.maxValues} values`);
    }
    if (path.length > limits.maxDepth) {
      throw tooComplex(`The request body nests deeper than ${limits.maxDepth} levels`);
    }
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        errors.push({
          pointer: toPointer('body', path),
          detail: 'must not contain NUL characters',
        });
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      const problem = Array.isArray(value) ? undefined : keyProblem(key);
      if (problem) errors.push({ pointer: toPointer('body', [...path, key]), detail: problem });
      else stack.push({ value: child, path: [...path, key] });
    }
  }
  if (errors.length > 0) {
    throw new ApiError(422, 'The request body contains keys or text that are not accepted', {
      type: 'validation-failed',
      errors: errors.slice(0, limits.maxErrors),
    });
  }
}
