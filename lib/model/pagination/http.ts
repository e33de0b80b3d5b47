import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import type { FieldSelection } from '../field-selection.ts';
import type { SortOrders } from '../sort-orders.ts';
import type { KeysetSort } from '../types.ts';
import type { PaginateRequest, Pagination } from './types.ts';

export const PAGE_LIMITS = Object.freeze({ defaultPerPage: 10, defaultLimit: 20, max: 100 });

const clamp = (v: number) => Math.min(PAGE_LIMITS.max, Math.max(1, v));
const integer = () => z.coerce.number().check(z.int('must be an integer'));
const count = (about: string) =>
  z.optional(z.pipe(integer().check(z.describe(about)), z.transform(clamp)));

/**
 * The query of every list route: `?page=&perPage=` or `?cursor=&limit=` (a `limit` alone
 * starts keyset paging). Sizes are clamped to 1..100 rather than rejected; `withTotal=true`
 * adds a count to keyset pages. Spread into a route's own query object to add filters.
 */
export const ListQueryShape = {
  page: z.optional(
    integer().check(
      z.minimum(1, 'must be at least 1'),
      z.describe('Page mode: the page, from 1; a page past the last is a 404'),
    ),
  ),
  perPage: count(`Page mode: items per page, 1 to ${PAGE_LIMITS.max} (default 10)`),
  cursor: z.optional(
    z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(2048),
        z.describe("Keyset mode: an answer's nextCursor or prevCursor, under the same sort"),
      ),
  ),
  limit: count(`Keyset mode: items per page, 1 to ${PAGE_LIMITS.max} (default 20)`),
  withTotal: z.optional(
    z.enum(['true', 'false']).check(z.describe('Keyset mode: true adds the count of matches')),
  ),
};

/** A parameter in the `field[op]` form of a filter (lib/model/filters.ts). */
const BRACKETED = /\[[^\]]*\]$/;

/**
 * A list route's query: the paging fields plus the route's own filters, one mode at a time.
 * Unknown parameters are ignored (cache busters and the like), except one in the `field[op]`
 * form the list does not offer (`year[gt]` where only `year[gte]` is): a 422, rather than a page
 * that silently ignores the filter its caller meant.
 */
export function listQuery<E extends core.$ZodShape>(extra: E) {
  const known = new Set(Object.keys({ ...ListQueryShape, ...extra }));
  return z.looseObject({ ...ListQueryShape, ...extra }).check(
    z.superRefine((value, ctx) => {
      const q = value as { cursor?: string; limit?: number; page?: number; perPage?: number };
      const keyset = q.cursor !== undefined || q.limit !== undefined;
      if (keyset && (q.page !== undefined || q.perPage !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['page'],
          message: 'use either page/perPage or cursor/limit',
        });
      }
      for (const key of Object.keys(value)) {
        if (BRACKETED.test(key) && !known.has(key))
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'is not a filter this list offers',
          });
      }
    }),
  );
}

/**
 * `?sort=`: one of the model's orders (`title`, `-title`, …); absent, the model's keyset order.
 * An unknown token is a 422 like any invalid query value.
 */
export function sortQuery(
  model: { readonly name: string; readonly sorts: SortOrders; readonly keyset: KeysetSort },
  /** Tokens the route orders by itself, with what they do (e.g. `relevance` for a search). */
  also: Readonly<Record<string, string>> = {},
) {
  const [first, ...rest] = [...Object.keys(model.sorts), ...Object.keys(also)];
  if (first === undefined) throw new Error(`model ${model.name} declares no sortable fields`);
  const { field, direction } = model.keyset;
  const about = [
    `Order: a field, or -field for descending (default ${direction < 0 ? '-' : ''}${field})`,
    ...Object.entries(also).map(([token, what]) => `${token}: ${what}`),
  ].join('; ');
  return z.optional(z.enum([first, ...rest]).check(z.describe(about)));
}

/** A parsed query value as the client wrote it (a date in ISO 8601, ids and decimals as text). */
const asParam = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

/** The query parameters a list's links keep (filters, sort): those given, as strings. */
export function keptParams(query: object, names: readonly string[]): Record<string, string> {
  const values = query as Record<string, unknown>;
  return Object.fromEntries(
    names.filter((n) => values[n] !== undefined).map((n) => [n, asParam(values[n])]),
  );
}

export const ListQuery = listQuery({});
export type ListQueryInput = z.output<typeof ListQuery>;

type ListFields = Pick<ListQueryInput, 'page' | 'perPage' | 'cursor' | 'limit' | 'withTotal'> & {
  /** A list's `?fields=` (field-selection.ts), when it offers one. */
  readonly fields?: FieldSelection | undefined;
};

export function paginateRequest(q: ListFields): PaginateRequest {
  const fields = q.fields === undefined ? {} : { fields: q.fields };
  if (q.cursor !== undefined || q.limit !== undefined) {
    return {
      limit: q.limit ?? PAGE_LIMITS.defaultLimit,
      withTotal: q.withTotal === 'true',
      ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      ...fields,
    };
  }
  return { page: q.page ?? 1, perPage: q.perPage ?? PAGE_LIMITS.defaultPerPage, ...fields };
}

/** The JSON body of a list answer (the Pagination object without its functions). */
export function paginationBody<T>(p: Pagination<T>) {
  const { next: _n, prev: _p, ...body } = p;
  return body;
}

/** RFC 8288 Link header: first/prev/next/last in page mode, first/prev/next in keyset mode. */
export function paginationLinks<T>(
  path: string,
  p: Pagination<T>,
  extra: Record<string, string> = {},
): string {
  const link = (params: Record<string, string | number>, rel: string) =>
    `<${path}?${new URLSearchParams({ ...extra, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}>; rel="${rel}"`;
  if (p.mode === 'page') {
    const perPage = p.perPage ?? PAGE_LIMITS.defaultPerPage;
    const page = p.page ?? 1;
    const last = Math.max(1, p.pages ?? 1);
    return [
      link({ page: 1, perPage }, 'first'),
      ...(p.hasPrev ? [link({ page: Math.min(page - 1, last), perPage }, 'prev')] : []),
      ...(p.hasNext ? [link({ page: page + 1, perPage }, 'next')] : []),
      link({ page: last, perPage }, 'last'),
    ].join(', ');
  }
  const limit = p.limit ?? PAGE_LIMITS.defaultLimit;
  return [
    link({ limit }, 'first'),
    ...(p.prevCursor ? [link({ cursor: p.prevCursor, limit }, 'prev')] : []),
    ...(p.nextCursor ? [link({ cursor: p.nextCursor, limit }, 'next')] : []),
  ].join(', ');
}

/** JSON Schema of a list answer whose items follow `item` (for the OpenAPI document). */
export function paginationSchema(item: Record<string, unknown>): Record<string, unknown> {
  const count = { type: 'integer', minimum: 0 };
  return {
    type: 'object',
    required: ['mode', 'items', 'hasNext', 'hasPrev'],
    additionalProperties: false,
    properties: {
      mode: { type: 'string', enum: ['page', 'keyset'] },
      items: { type: 'array', items: item },
      hasNext: { type: 'boolean' },
      hasPrev: { type: 'boolean' },
      total: count,
      page: { type: 'integer', minimum: 1 },
      perPage: { type: 'integer', minimum: 1 },
      pages: count,
      limit: { type: 'integer', minimum: 1 },
      nextCursor: { type: 'string' },
      prevCursor: { type: 'string' },
    },
  };
}
