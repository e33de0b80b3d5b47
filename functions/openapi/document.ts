import { httpHandler, json } from '#lib/http/index.ts';
import { apiDocument, OpenApiRoutes } from '#lib/openapi/index.ts';

/** GET /openapi.json → the OpenAPI 3.1 document of every route (no database). */
export const handler = httpHandler(OpenApiRoutes.document, async () =>
  json(200, apiDocument(), { 'Cache-Control': 'public, max-age=300' }),
);
