import { Decimal128, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  date,
  decimal,
  filterOf,
  filterParams,
  filterQuery,
  model,
  objectId,
} from '#lib/model/index.ts';
import { Users } from '#lib/users/model.ts';

const Items = model({
  name: 'item',
  collection: 'items',
  timestamps: true,
  schema: z.strictObject({
    year: z.int().check(z.minimum(1400)),
    kind: z._default(z.enum(['a', 'b']), 'a'),
    tags: z._default(z.array(z.string()), () => []),
    price: z.optional(decimal({ min: 0, scale: 2 })),
    ownerId: objectId(),
    seenAt: z.optional(date()),
    done: z.boolean(),
    meta: z.strictObject({ x: z.int() }),
  }),
});

const SPEC = Object.freeze({
  year: ['eq', 'gte', 'lte'],
  kind: ['eq'],
  tags: ['eq'],
  price: ['gte'],
  ownerId: ['eq'],
  createdAt: ['lt'],
  done: ['eq'],
} as const);

const parse = (query: Record<string, string>) =>
  z.safeParse(z.object(filterQuery(Items, SPEC)), query);

describe('list filters (lib/model/filters.ts)', () => {
  it('offers one parameter per comparison: the field for eq, field[op] for the others', () => {
    expect(filterParams(SPEC)).toEqual([
      'year',
      'year[gte]',
      'year[lte]',
      'kind',
      'tags',
      'price[gte]',
      'ownerId',
      'createdAt[lt]',
      'done',
    ]);
    expect(Object.keys(filterQuery(Items, SPEC))).toEqual(filterParams(SPEC));
  });

  it('reads each value as its field’s type, never its bounds, and builds the filter', () => {
    const owner = new ObjectId();
    const parsed = parse({
      'year[gte]': '1000',
      'year[lte]': '1969.5',
      kind: 'b',
      tags: 'sf',
      'price[gte]': '9.99',
      ownerId: owner.toHexString(),
      'createdAt[lt]': '2026-01-02T00:00:00Z',
      done: 'false',
      unknown: '$where',
    });
    expect(parsed.success).toBe(true);
    const filter = filterOf(SPEC, parsed.data ?? {});
    expect(filter).toEqual({
      year: { $gte: 1000, $lte: 1969.5 },
      kind: { $eq: 'b' },
      tags: { $eq: 'sf' },
      price: { $gte: Decimal128.fromString('9.99') },
      ownerId: { $eq: owner },
      createdAt: { $lt: new Date('2026-01-02T00:00:00Z') },
      done: { $eq: false },
    });
    expect(filterOf(SPEC, {})).toEqual({});
  });

  it.each([
    ['year[gte]', 'abc'],
    ['year', 'Infinity'],
    ['kind', 'c'],
    ['price[gte]', '1e3'],
    ['ownerId', '{"$ne":null}'],
    ['createdAt[lt]', 'yesterday'],
    ['done', 'yes'],
  ])('refuses %s=%s', (param, value) => {
    const parsed = parse({ [param]: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([param]);
  });

  it('applies a string field’s own normalisation (an e-mail is compared lower-cased)', () => {
    const parsed = z.safeParse(z.object(filterQuery(Users, { email: ['eq'] })), {
      email: ' Ada@Example.COM ',
    });
    expect(parsed.data).toEqual({ email: 'ada@example.com' });
  });

  it('refuses at definition a field it cannot compare, or an unknown one', () => {
    expect(() => filterQuery(Items, { meta: ['eq'] })).toThrow(
      'model item: meta (object) is not a filterable scalar',
    );
    expect(() => filterQuery(Items, { nope: ['eq'] })).toThrow('model item: no field nope');
    expect(() => filterQuery(Items, { year: ['ne' as 'eq'] })).toThrow('unknown comparison ne');
  });

  it('says what each parameter does, in the OpenAPI description', () => {
    const json = z.toJSONSchema(z.object(filterQuery(Items, { tags: ['eq'], year: ['gte'] })), {
      io: 'input',
    }) as { properties: Record<string, { description?: string }> };
    expect(json.properties.tags?.description).toBe('Only items whose tags include this');
    expect(json.properties['year[gte]']?.description).toBe(
      'Only items whose year is at least this',
    );
  });
});
