import { describe, expect, it } from 'vitest';
import { ListQuery, type Pagination, paginateRequest, paginationLinks } from '#lib/model/index.ts';
import { CreateUserBody, UpdateUserBody } from '#lib/users/index.ts';

const request = (query: Record<string, string>) => paginateRequest(ListQuery.parse(query));
const page = (p: number, perPage: number, total: number) => {
  const pages = Math.ceil(total / perPage);
  return {
    mode: 'page',
    page: p,
    perPage,
    total,
    pages,
    hasPrev: p > 1,
    hasNext: p < pages,
  } as Pagination<object>;
};

describe('user schemas', () => {
  it('trims names and enforces 1..50 characters', () => {
    expect(CreateUserBody.parse({ name: '  Ann ' })).toEqual({ name: 'Ann' });
    expect(CreateUserBody.safeParse({ name: '   ' }).success).toBe(false);
    expect(CreateUserBody.safeParse({ name: 'x'.repeat(50) }).success).toBe(true);
    expect(CreateUserBody.safeParse({ name: 'x'.repeat(51) }).success).toBe(false);
  });

  it('requires a valid email of at most 120 characters', () => {
    const local = 'a'.repeat(50); // 50 + 1 + 62 = 113 characters
    const domain = `${'b'.repeat(50)}.example.com`;
    expect(CreateUserBody.safeParse({ name: 'A', email: 'not-an-email' }).success).toBe(false);
    expect(CreateUserBody.safeParse({ name: 'A', email: `${local}@${domain}` }).success).toBe(true);
    expect(
      CreateUserBody.safeParse({ name: 'A', email: `${local}@${'c'.repeat(50)}.${domain}` })
        .success,
    ).toBe(false);
  });

  it('rejects unknown keys and operators', () => {
    expect(CreateUserBody.safeParse({ name: 'A', admin: true }).success).toBe(false);
    expect(CreateUserBody.safeParse({ name: { $ne: '' } }).success).toBe(false);
    expect(UpdateUserBody.safeParse({ $set: { name: 'x' } }).success).toBe(false);
  });

  it('PATCH needs at least one field and allows removing the email', () => {
    expect(UpdateUserBody.safeParse({}).success).toBe(false);
    expect(UpdateUserBody.parse({ email: null })).toEqual({ email: null });
  });

  it('pages 10 per page by default and clamps perPage to 1..100', () => {
    expect(request({})).toEqual({ page: 1, perPage: 10 });
    expect(request({ page: '3', perPage: '1000' })).toEqual({ page: 3, perPage: 100 });
    expect(request({ perPage: '0' })).toEqual({ page: 1, perPage: 1 });
    expect(ListQuery.safeParse({ page: '0' }).success).toBe(false);
    expect(ListQuery.safeParse({ page: 'two' }).success).toBe(false);
  });

  it('switches to keyset mode on cursor or limit, clamps the limit, refuses mixing modes', () => {
    expect(request({ limit: '5' })).toEqual({ limit: 5, withTotal: false });
    expect(request({ cursor: 'abc', limit: '500', withTotal: 'true' })).toEqual({
      cursor: 'abc',
      limit: 100,
      withTotal: true,
    });
    expect(request({ cursor: 'abc' })).toEqual({ cursor: 'abc', limit: 20, withTotal: false });
    const mixed = ListQuery.safeParse({ page: '2', limit: '5' });
    expect(mixed.error?.issues.map((i) => i.path)).toEqual([['page']]);
  });
});

describe('paginationLinks', () => {
  it('links first, prev, next and last', () => {
    expect(paginationLinks('/users', page(2, 10, 35))).toBe(
      '</users?page=1&perPage=10>; rel="first", </users?page=1&perPage=10>; rel="prev", ' +
        '</users?page=3&perPage=10>; rel="next", </users?page=4&perPage=10>; rel="last"',
    );
  });

  it('has no prev on the first page and no next on the last', () => {
    expect(paginationLinks('/users', page(1, 10, 0))).toBe(
      '</users?page=1&perPage=10>; rel="first", </users?page=1&perPage=10>; rel="last"',
    );
  });

  it('keyset links carry the cursors and keep extra filters', () => {
    const keyset = {
      mode: 'keyset',
      limit: 5,
      nextCursor: 'n.x',
      prevCursor: 'p.y',
      hasNext: true,
      hasPrev: true,
    } as Pagination<object>;
    expect(paginationLinks('/books', keyset, { year: '1999' })).toBe(
      '</books?year=1999&limit=5>; rel="first", </books?year=1999&cursor=p.y&limit=5>; rel="prev", ' +
        '</books?year=1999&cursor=n.x&limit=5>; rel="next"',
    );
  });
});
