export const OpenApiRoutes = {
  document: {
    database: false,
    // No token even when AUTH_READS=token: probes and API clients need these unauthenticated.
    access: 'public',
    doc: {
      method: 'GET',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      summary: 'This OpenAPI 3.1 document',
      tags: ['operations'],
      responses: {
        200: {
          description: 'The OpenAPI document',
          schema: { type: 'object', required: ['openapi', 'info', 'paths'] },
        },
      },
    },
  },
} as const;
