import { describe, expect, it } from 'vitest';
import { CreateUserBody, ListUsersQuery, pageLinks, UpdateUserBody } from '#lib/users/index.ts';

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
    expect(ListUsersQuery.parse({})).toEqual({ page: 1, perPage: 10 });
    expect(ListUsersQuery.parse({ page: '3', perPage: '1000' })).toEqual({ page: 3, perPage: 100 });
    expect(ListUsersQuery.parse({ perPage: '0' })).toEqual({ page: 1, perPage: 1 });
    expect(ListUsersQuery.safeParse({ page: '0' }).success).toBe(false);
    expect(ListUsersQuery.safeParse({ page: 'two' }).success).toBe(false);
  });
});

describe('pageLinks', () => {
  it('links first, prev, next and last', () => {
    expect(pageLinks('/users', 2, 10, 35)).toBe(
      '</users?page=1&perPage=10>; rel="first", </users?page=1&perPage=10>; rel="prev", ' +
        '</users?page=3&perPage=10>; rel="next", </users?page=4&perPage=10>; rel="last"',
    );
  });

  it('has no prev on the first page and no next on the last', () => {
    expect(pageLinks('/users', 1, 10, 0)).toBe(
      '</users?page=1&perPage=10>; rel="first", </users?page=1&perPage=10>; rel="last"',
    );
  });
});
