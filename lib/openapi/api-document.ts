import { ROUTES } from '#lib/catalog/routes.ts';
import { getAuthConfig } from '#lib/config/index.ts';
import type { JsonSchema } from '#lib/model/json-schema.ts';
import { openApiDocument } from './document.ts';

let cached: JsonSchema | undefined;

/**
 * The API's OpenAPI document, built once per container from the route specs and the stage's
 * access settings (AUTH_READS, AUTH_WRITE_SCOPE).
 */
export function apiDocument(): JsonSchema {
  const { reads, writeScope } = getAuthConfig();
  cached ??= openApiDocument(
    ROUTES,
    { title: 'lambda-mongo-kit reference API', version: '0.1.0' },
    { reads, writeScope },
  );
  return cached;
}
