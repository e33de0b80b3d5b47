import { ROUTES } from '#lib/catalog/routes.ts';
import type { JsonSchema } from '#lib/model/json-schema.ts';
import { openApiDocument } from './document.ts';

let cached: JsonSchema | undefined;

/** The API's OpenAPI document, built once per container from the route specs. */
export function apiDocument(): JsonSchema {
  cached ??= openApiDocument(ROUTES, { title: 'lambda-mongo-kit reference API', version: '0.1.0' });
  return cached;
}
