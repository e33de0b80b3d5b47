import { $ZodType } from 'zod/v4/core';
import type { RouteSpec } from '#lib/http/handler.ts';
import '#lib/model/json-schema-forms.ts';
import { apiJsonSchema, type JsonSchema } from '#lib/model/json-schema.ts';
import { conditionalParameters, conditionalResponses } from './conditional.ts';
import { idempotencyParameters, idempotencyResponses } from './idempotency.ts';
import { errorStatuses, PROBLEM_SCHEMA } from './problem.ts';
import {
  operationSecurity,
  SECURITY_RESPONSES,
  SECURITY_SCHEMES,
  type SecurityOptions,
} from './security.ts';

type AnySpec = RouteSpec<unknown, unknown, unknown>;

/** Any zod 4 schema, classic or mini (core's $ZodType checks zod's traits). */
const isZod = (schema: unknown): schema is $ZodType => schema instanceof $ZodType;

const schemaOf = (schema: unknown): JsonSchema => {
  if (isZod(schema)) return apiJsonSchema(schema, 'output');
  return (typeof schema === 'function' ? schema() : schema) as JsonSchema;
};

/**
 * A parameter's schema; a string marked `z.meta({ listOf })` (`?fields=`) is a comma-separated
 * list of those values, OpenAPI's `form` style without `explode`.
 */
function parameterSchema({ listOf, ...schema }: JsonSchema): JsonSchema {
  if (!Array.isArray(listOf)) return { schema };
  return {
    style: 'form',
    explode: false,
    schema: { type: 'array', items: { type: 'string', enum: listOf }, minItems: 1 },
  };
}

/** Path or query parameters from the input form of a zod object schema. */
function parameters(where: 'path' | 'query', schema: unknown): JsonSchema[] {
  if (!isZod(schema)) return [];
  const json = apiJsonSchema(schema, 'input');
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(
    ([name, { description, ...schema }]) => ({
      name,
      in: where,
      ...(typeof description === 'string' ? { description } : {}),
      required: where === 'path' || required.has(name),
      ...parameterSchema(schema),
    }),
  );
}

/**
 * A JSON body; a PATCH body is a JSON merge patch (RFC 7396: `null` clears a field,
 * lib/model/patch-changes.ts), so it is offered under that media type too (any `+json` type
 * is read as JSON).
 */
function requestBody(method: string, body: $ZodType): JsonSchema {
  const content = { schema: apiJsonSchema(body, 'input') };
  return {
    required: true,
    content: {
      'application/json': content,
      ...(method === 'PATCH' ? { 'application/merge-patch+json': content } : {}),
    },
  };
}

/** Public defaults, as lib/config/auth.ts reads an empty environment. */
const DEFAULT_SECURITY: SecurityOptions = Object.freeze({
  reads: 'public',
  writeScope: 'api/write',
});

function operation(spec: AnySpec, options: SecurityOptions): JsonSchema {
  const doc = spec.doc;
  if (!doc) throw new Error('route without doc');
  // The same default as lib/http's handler: GET routes read, every other route writes.
  const access = spec.access ?? (doc.method === 'GET' ? 'read' : 'write');
  const { security, responses: securityResponses } = operationSecurity(access, options);
  const responses: Record<string, JsonSchema> = {};
  for (const [status, r] of Object.entries(idempotencyResponses(spec, conditionalResponses(doc)))) {
    responses[status] = {
      description: r.description,
      ...(r.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(r.headers).map(([h, d]) => [
                h,
                { description: d, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
      ...(r.schema ? { content: { 'application/json': { schema: schemaOf(r.schema) } } } : {}),
    };
  }
  Object.assign(responses, securityResponses);
  // API Gateway's own answer past the stage's request ceiling (serverless.yml throttling).
  responses['429'] = { $ref: '#/components/responses/Throttled' };
  for (const status of errorStatuses(spec)) {
    responses[String(status)] ??= { $ref: '#/components/responses/Problem' };
  }
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    ...(doc.tags ? { tags: [...doc.tags] } : {}),
    parameters: [
      ...parameters('path', spec.params),
      ...parameters('query', spec.query),
      ...conditionalParameters(doc),
      ...idempotencyParameters(spec),
    ],
    ...(isZod(spec.body) ? { requestBody: requestBody(doc.method, spec.body) } : {}),
    security,
    responses,
  };
}

/** The OpenAPI 3.1 document of the given routes (JSON Schema 2020-12 dialect throughout). */
export function openApiDocument(
  routes: readonly AnySpec[],
  info: { title: string; version: string },
  security: SecurityOptions = DEFAULT_SECURITY,
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of routes) {
    if (!spec.doc) continue;
    paths[spec.doc.path] = {
      ...paths[spec.doc.path],
      [spec.doc.method.toLowerCase()]: operation(spec, security),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: SECURITY_SCHEMES,
      responses: {
        ...SECURITY_RESPONSES,
        Throttled: {
          description:
            "API Gateway's answer beyond the API's request ceiling (not problem+json): retry later",
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['message'],
                properties: { message: { type: 'string', const: 'Too Many Requests' } },
              },
            },
          },
        },
        Problem: {
          description: 'An RFC 9457 problem (see lib/http/README.md for the types)',
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
          },
        },
      },
    },
  };
}
