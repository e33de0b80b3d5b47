export const HealthRoutes = {
  check: {
    // No token even when AUTH_READS=token: probes and API clients need these unauthenticated.
    access: 'public',
    doc: {
      method: 'GET',
      path: '/health',
      operationId: 'health',
      summary: 'Pings the database',
      tags: ['operations'],
      responses: {
        200: {
          description: 'The database answered',
          schema: {
            type: 'object',
            required: ['status'],
            properties: { status: { type: 'string', const: 'ok' } },
          },
        },
      },
    },
  },
} as const;
