export const HealthRoutes = {
  check: {
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
