import { describe, expect, it } from 'vitest';
import { BODY_LIMITS, guardBody } from '#lib/http/body-guard.ts';
import type { ApiError } from '#lib/http/errors.ts';

const refusal = (body: unknown): ApiError => {
  try {
    guardBody(body);
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a refusal');
};

describe('guardBody', () => {
  it('accepts plain nested data', () => {
    expect(() =>
      guardBody({ title: 'T', editions: [{ year: 2000, publisher: 'P $1.50' }], tags: ['$x'] }),
    ).not.toThrow();
  });

  it.each([
    ['$ne', { name: { $ne: '' } }, '/body/name/$ne'],
    ['dotted', { 'author.name': 'x' }, '/body/author.name'],
    ['NUL key', { 'a\u0000b': 1 }, '/body/a\u0000b'],
    ['__proto__', JSON.parse('{"a":[{"__proto__":{"polluted":1}}]}'), '/body/a/0/__proto__'],
    ['constructor', { constructor: { prototype: {} } }, '/body/constructor'],
    ['NUL text', { name: 'a\u0000' }, '/body/name'],
  ])('refuses %s with a 422 pointing at it', (_name, body, pointer) => {
    const error = refusal(body);
    expect(error.statusCode).toBe(422);
    expect(error.errors?.map((e) => e.pointer)).toEqual([pointer]);
  });

  it('answers 413 past the depth and value limits, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(refusal(deep).statusCode).toBe(413);
    const wide = Object.fromEntries(
      Array.from({ length: BODY_LIMITS.maxValues + 1 }, (_, i) => [`k${i}`, i]),
    );
    expect(refusal(wide).statusCode).toBe(413);
  });

  it('lists at most maxErrors problems', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`$k${i}`, i]));
    expect(refusal(many).errors).toHaveLength(BODY_LIMITS.maxErrors);
  });
});
