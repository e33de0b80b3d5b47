import { safeParse } from 'zod/mini';
import type * as z from 'zod/v4/core';
import '#lib/config/zod-locale.ts';
import { ApiError, type FieldError } from '#lib/http/errors.ts';
import { toPointer } from '#lib/http/validation-middleware.ts';

/** zod issues → JSON pointers under `base` (e.g. `/body`, `/body/3`). */
export function issuesToErrors(base: string, error: z.$ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      pointer: `${base}${toPointer('x', key === undefined ? issue.path : [...issue.path, key]).slice(2)}`,
      detail: issue.message,
    }));
  });
}

export function validationFailed(errors: FieldError[]): ApiError {
  return new ApiError(422, 'The request failed validation', { type: 'validation-failed', errors });
}

/** Parses with any zod 4 schema (classic or mini) or throws a 422 ApiError listing every failing field. */
export function parseOr422<S extends z.$ZodType>(
  schema: S,
  value: unknown,
  base = '/body',
): z.output<S> {
  const result = safeParse(schema, value);
  if (!result.success) throw validationFailed(issuesToErrors(base, result.error));
  return result.data;
}
