import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '#lib/http/errors.ts';
import { toUpdate } from '#lib/model/changes.ts';
import { objectId } from '#lib/model/index.ts';

const schema = z.strictObject({
  name: z.string().trim().min(1),
  count: z.int().min(0).default(0),
  tags: z.array(z.string().min(1)).default(() => []),
  ref: z.optional(objectId()),
  note: z.string().optional(),
});

function pointers(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ApiError) return (error.errors ?? []).map((e) => e.pointer);
    throw error;
  }
  return [];
}

describe('toUpdate', () => {
  it('builds $set/$unset/$inc/$push from validated changes (parsed values, no defaults filled in)', () => {
    const update = toUpdate(schema, {
      set: { name: ' A ', ref: '65a1b2c3d4e5f60718293a4b' },
      unset: ['note'],
      inc: { count: 2 },
      push: { tags: 'x' },
    });
    expect(update.$set.name).toBe('A');
    expect(update.$set.ref.toHexString()).toBe('65a1b2c3d4e5f60718293a4b');
    expect(Object.keys(update.$set)).toEqual(['name', 'ref']);
    expect(update).toMatchObject({
      $unset: { note: '' },
      $inc: { count: 2 },
      $push: { tags: 'x' },
    });
  });

  it('lists every bad change as a pointer', () => {
    expect(
      pointers(() =>
        toUpdate(schema, {
          set: { name: '', nope: 1 },
          inc: { tags: 1, count: Number.NaN },
          push: { name: 'x', tags: '' },
          unset: ['name'],
        } as never),
      ).sort(),
    ).toEqual([
      '/body/count',
      '/body/name',
      '/body/name',
      '/body/name',
      '/body/nope',
      '/body/tags',
      '/body/tags',
    ]);
    expect(pointers(() => toUpdate(schema, {}))).toEqual(['/body']);
    expect(
      pointers(() => toUpdate(schema, { set: { count: 1 }, inc: { count: 1 } } as never)),
    ).toEqual(['/body/count']);
  });
});
