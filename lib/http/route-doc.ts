import type * as z from 'zod/v4/core';

/**
 * A response as the OpenAPI document describes it; `schema` is zod (classic or mini), a JSON Schema object, or a
 * function returning one (evaluated by lib/openapi only, so handlers never build it at init).
 */
export interface ResponseDoc {
  readonly description: string;
  readonly schema?:
    | z.$ZodType
    | Readonly<Record<string, unknown>>
    | (() => Readonly<Record<string, unknown>>);
  /** Response header names with their descriptions (e.g. Link, Location). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Method, path and answers of a route: the parts of OpenAPI that zod request schemas lack. */
export interface RouteDoc {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path template, e.g. `/authors/{id}/books`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags?: readonly string[];
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  /** Problem statuses beyond those the spec implies (e.g. 409 when a rule forbids the change). */
  readonly errors?: readonly number[];
  /**
   * RFC 9110 preconditions on a versioned document (lib/model/conditional-requests.ts): `read`
   * takes If-None-Match (304), `write` takes If-Match (412), `upsert` (a PUT that may create)
   * takes If-Match and `If-None-Match: *` (412); all answer its ETag.
   */
  readonly conditional?: 'read' | 'write' | 'upsert';
}
