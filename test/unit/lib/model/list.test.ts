import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  model,
  modelList,
  type PaginateRequest,
  type Pagination,
  RELEVANCE,
} from '#lib/model/index.ts';

const Notes = model({
  name: 'note',
  collection: 'notes',
  timestamps: true,
  schema: z.strictObject({ title: z.string(), stars: z.int() }),
  keyset: { field: 'title', direction: 1 },
  sortable: ['title', 'stars'],
  indexes: [{ key: { title: 1, _id: 1 } }, { key: { stars: 1, _id: 1 } }],
});

const NoteList = modelList(Notes, {
  filters: { stars: ['gte'] },
  params: { q: z.optional(z.string()) },
  orders: { relevance: { about: 'best first', order: RELEVANCE } },
});

/** Records what a page was asked for, as a bound model's paginate receives it. */
function recorder() {
  const calls: [Document, PaginateRequest, unknown][] = [];
  return {
    calls,
    paginate: async (filter: Document, request: PaginateRequest, sort?: unknown) => {
      calls.push([filter, request, sort]);
      return { items: [] } as unknown as Pagination<Document>;
    },
  };
}

const parse = (query: Record<string, string>) => {
  const parsed = z.safeParse(NoteList.query, query);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};

describe('modelList: a list route defined once (lib/model/list.ts)', () => {
  it('makes one query of paging, filters, the route’s parameters and sort', () => {
    const input = parse({ 'stars[gte]': '3', q: 'x', sort: '-stars', limit: '5', other: '1' });
    expect(input).toMatchObject({ 'stars[gte]': 3, q: 'x', sort: '-stars', limit: 5 });
    expect(z.safeParse(NoteList.query, { sort: 'stars[gte]' }).success).toBe(false);
    expect(z.safeParse(NoteList.query, { 'stars[lt]': '3' }).success).toBe(false);
  });

  it('pages with the declared filters, the route’s own conditions and the asked order', async () => {
    const bound = recorder();
    await NoteList.page(bound, parse({ 'stars[gte]': '3', sort: '-stars', limit: '5' }), {
      $text: { $search: 'x' },
    });
    await NoteList.page(bound, parse({ q: 'x', sort: 'relevance', page: '2' }));
    await NoteList.page(bound, parse({}));
    expect(bound.calls).toEqual([
      [
        { stars: { $gte: 3 }, $text: { $search: 'x' } },
        { limit: 5, withTotal: false },
        { field: 'stars', direction: -1 },
      ],
      [{}, { page: 2, perPage: 10 }, RELEVANCE],
      [{}, { page: 1, perPage: 10 }, undefined],
    ]);
  });

  it('keeps the filters, the route’s parameters and the sort in the links, nothing else', () => {
    const input = parse({ 'stars[gte]': '3', q: 'x', sort: 'title', page: '2', other: '1' });
    expect(NoteList.links(input)).toEqual({ 'stars[gte]': '3', q: 'x', sort: 'title' });
  });
});
