import * as z from 'zod/mini';
import { type $ZodError, $ZodType } from 'zod/v4/core';
import '#lib/config/zod-locale.ts';
import { ApiError, type FieldError } from './errors.ts';
import { type ApiMiddleware, routeState } from './types.ts';

/** Zod 4 schemas (classic or mini) for the three parts of a request; absent parts are not validated. */
export interface RequestSchemas {
  readonly params?: $ZodType;
  readonly query?: $ZodType;
  readonly body?: $ZodType;
}

// core's $ZodType matches classic and mini schemas alike (instanceof checks zod's traits). It is
// imported by name: `z.core.$ZodType` would pull core's whole namespace (locales, JSON Schema).
const anySchema = () => z.optional(z.instanceof($ZodType));
const OptionsSchema = z.strictObject({
  params: anySchema(),
  query: anySchema(),
  body: anySchema(),
});

/** RFC 6901 pointer into the `{ params, query, body }` view of the request. */
export function toPointer(part: string, path: readonly PropertyKey[]): string {
  const escapeSegment = (segment: PropertyKey) =>
    String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
  return `/${[part, ...path].map(escapeSegment).join('/')}`;
}

function fieldErrors(part: string, error: $ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    // For unknown keys the pointer names the offending key itself, not its parent object.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      pointer: toPointer(part, key === undefined ? issue.path : [...issue.path, key]),
      detail: issue.message,
    }));
  });
}

/**
 * Validates path parameters (failure → 400, the resource identifier itself is malformed),
 * query and body (failure → 422), listing every failing field as a JSON pointer.
 */
export function validateRequest(schemas: RequestSchemas): ApiMiddleware {
  const { params, query, body } = z.parse(OptionsSchema, schemas);
  return {
    before: (request) => {
      const state = routeState(request);
      const { event } = request;
      if (params) {
        const result = z.safeParse(params, event.pathParameters ?? {});
        if (!result.success) {
          throw new ApiError(400, 'The path parameters are invalid', {
            type: 'invalid-path-parameter',
            errors: fieldErrors('params', result.error),
          });
        }
        state.params = result.data;
      }
      const errors: FieldError[] = [];
      if (query) {
        const result = z.safeParse(query, event.queryStringParameters ?? {});
        if (result.success) state.query = result.data;
        else errors.push(...fieldErrors('query', result.error));
      }
      if (body) {
        const result = z.safeParse(body, event.body);
        if (result.success) state.body = result.data;
        else errors.push(...fieldErrors('body', result.error));
      }
      if (errors.length > 0) {
        throw new ApiError(422, 'The request failed validation', {
          type: 'validation-failed',
          errors,
        });
      }
    },
  };
}
