import { Books } from '#lib/books/model.ts';
import { json, type RouteResponse } from '#lib/http/response.ts';
import type { ModelContext } from '#lib/model/index.ts';

export interface YearCount {
  readonly year: number;
  readonly count: number;
}

/** GET /stats/books-per-year: a `$group` by year, oldest first. */
export async function booksPerYear(ctx: ModelContext): Promise<RouteResponse> {
  const items = await Books.bind(ctx).aggregate<YearCount>([
    { $group: { _id: '$year', count: { $sum: 1 } } },
    { $sort: { _id: 1 } },
    { $project: { _id: 0, year: '$_id', count: 1 } },
  ]);
  return json(200, { items });
}

export const StatsRoutes = {
  booksPerYear: {
    doc: {
      method: 'GET',
      path: '/stats/books-per-year',
      operationId: 'booksPerYear',
      summary: 'Number of books per publication year ($group)',
      tags: ['stats'],
      responses: {
        200: {
          description: 'Counts by year, oldest first',
          schema: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['year', 'count'],
                  additionalProperties: false,
                  properties: { year: { type: 'integer' }, count: { type: 'integer', minimum: 1 } },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
