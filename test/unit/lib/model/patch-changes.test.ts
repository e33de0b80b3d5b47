import { describe, expect, expectTypeOf, it } from 'vitest';
import { patchChanges } from '#lib/model/patch-changes.ts';

describe('patchChanges (RFC 7396: null clears, a value sets, absent leaves)', () => {
  it('splits a PATCH body into set and unset', () => {
    const body: { name?: string; email?: string | null; born?: number | null } = {
      name: 'Ada',
      email: null,
      born: undefined,
    };
    const changes = patchChanges(body);
    expect(changes).toEqual({ set: { name: 'Ada' }, unset: ['email'] });
    expectTypeOf(changes.unset).toEqualTypeOf<readonly ('email' | 'born')[]>();
    expectTypeOf(changes.set.email).toEqualTypeOf<string | undefined>();
  });

  it('keeps falsy values other than null: they set the field', () => {
    expect(patchChanges({ a: 0, b: '', c: false })).toEqual({
      set: { a: 0, b: '', c: false },
      unset: [],
    });
  });
});
