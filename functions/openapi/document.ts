import { httpHandler, json } from '#lib/http/index.ts';
import { OpenApiRoutes } from '#lib/openapi/route.ts';

// The document needs every route spec and the JSON Schema generator: loaded at the first request
// (esbuild keeps it in this bundle but evaluates it lazily), so a cold start pays only the chain.
const loadDocument = () => import('#lib/openapi/api-document.ts');

/** GET /openapi.json → the OpenAPI 3.1 document of every route (no database). */
export const handler = httpHandler(OpenApiRoutes.document, async () => {
  const { apiDocument } = await loadDocument();
  return json(200, apiDocument(), { 'Cache-Control': 'public, max-age=300' });
});
