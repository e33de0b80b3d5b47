import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { keptParams, model, sortQuery } from '#lib/model/index.ts';

const Schema = z.strictObject({
  title: z.string(),
  year: z.int(),
  rank: z._default(z.int(), 0),
  isbn: z.optional(z.string()),
  note: z.nullable(z.string()),
  tags: z._default(z.array(z.string()), () => []),
  author: z.strictObject({ name: z.string() }),
});

const define = (sortable: string[], extra: object = {}) =>
  model({
    name: 'entry',
    collection: 'entries',
    schema: Schema,
    timestamps: true,
    sortable,
    indexes: sortable.map((field) => ({ key: { [field]: 1, _id: 1 } })),
    ...extra,
  });

describe('sortable fields (sort-orders.ts)', () => {
  it('offers each field both ways, as JSON:API tokens', () => {
    const Entries = define(['title', 'rank', 'createdAt']);
    expect(Entries.sorts).toEqual({
      title: { field: 'title', direction: 1 },
      '-title': { field: 'title', direction: -1 },
      rank: { field: 'rank', direction: 1 },
      '-rank': { field: 'rank', direction: -1 },
      createdAt: { field: 'createdAt', direction: 1 },
      '-createdAt': { field: 'createdAt', direction: -1 },
    });
    expect(Object.isFrozen(Entries.sorts)).toBe(true);
    expect(Entries.orderOf('-rank')).toEqual({ field: 'rank', direction: -1 });
    expect(Entries.orderOf()).toEqual({ field: '_id', direction: 1 });
    expect(() => Entries.orderOf('-isbn')).toThrow(/no sort order -isbn/);
  });

  it.each([
    ['isbn', /required, non-null scalar/],
    ['note', /required, non-null scalar/],
    ['tags', /required, non-null scalar/],
    ['author', /required, non-null scalar/],
    ['author.name', /not a top-level field/],
    ['missing', /not a top-level field/],
  ])('refuses %s at definition', (field, why) => {
    expect(() => define([field])).toThrow(why);
  });

  it('needs an index led by the field; _id needs none', () => {
    expect(() => define(['year'], { indexes: [{ key: { title: 1, year: 1 } }] })).toThrow(
      'model entry: cannot sort by year: it needs an index that starts with it, e.g. { year: 1, _id: 1 }',
    );
    expect(define(['year'], { indexes: [{ key: { year: -1 } }] }).sorts).toHaveProperty('-year');
    expect(define(['_id'], { indexes: [] }).sorts).toHaveProperty('-_id');
  });

  it('holds the default keyset field to the same rules', () => {
    expect(() => define([], { keyset: { field: 'year', direction: 1 } })).toThrow(/index/);
    expect(() => define([], { keyset: { field: 'isbn', direction: 1 } })).toThrow(/non-null/);
  });

  it('knows timestamps only when the model keeps them', () => {
    expect(() => define(['createdAt'], { timestamps: false })).toThrow(/not a top-level field/);
  });
});

describe('?sort= and the links', () => {
  it('is an optional enum of the tokens; a model without sortable fields has none', () => {
    const param = sortQuery(define(['title']));
    expect(z.safeParse(param, 'title').success).toBe(true);
    expect(z.safeParse(param, undefined).success).toBe(true);
    expect(z.safeParse(param, 'year').success).toBe(false);
    expect(z.safeParse(param, '$natural').success).toBe(false);
    expect(() => sortQuery(define([]))).toThrow('model entry declares no sortable fields');
  });

  it('keeps the given parameters as strings, in the order named', () => {
    expect(keptParams({ year: 1969, sort: '-title', page: 2 }, ['sort', 'year', 'x'])).toEqual({
      sort: '-title',
      year: '1969',
    });
  });
});
