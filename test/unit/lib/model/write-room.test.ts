import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toUpdate } from '#lib/model/changes.ts';
import { withRoom, writeRoom } from '#lib/model/write-room.ts';

const schema = z.strictObject({
  tags: z
    .array(z.string())
    .max(5)
    .default(() => []),
  pairs: z.optional(z.array(z.int()).min(1).max(10).max(4)),
  free: z.array(z.string()).default(() => []),
  stock: z.int().min(0).max(100).default(0),
  score: z.number().positive().lt(10),
  loose: z.optional(z.int().min(0)),
});

describe('writeRoom', () => {
  it('requires the element past the tightest array bound to be absent, for pushed fields', () => {
    const room = writeRoom(schema, toUpdate(schema, { push: { tags: 'a', pairs: 1, free: 'x' } }));
    expect(room.filter).toEqual({ 'tags.4': { $exists: false }, 'pairs.3': { $exists: false } });
    expect(room.errors.map((e) => e.pointer)).toEqual(['/body/tags', '/body/pairs']);
    expect(writeRoom(schema, toUpdate(schema, { set: { tags: ['a'] } })).filter).toEqual({});
  });

  it('keeps an increment inside the bound on its side, inclusive or not', () => {
    const down = writeRoom(schema, toUpdate(schema, { inc: { stock: -2, score: -1 } }));
    expect(down.filter).toEqual({ stock: { $gte: 2 }, score: { $gt: 1 } });
    expect(down.errors.map((e) => e.detail)).toEqual(['would go below 0', 'would go below 0']);
    const up = writeRoom(schema, toUpdate(schema, { inc: { stock: 3, score: 0.5 } }));
    expect(up.filter).toEqual({ stock: { $lte: 97 }, score: { $lt: 9.5 } });
    // An optional field may be absent (the increment starts from 0): left to the validator.
    expect(writeRoom(schema, toUpdate(schema, { inc: { loose: -1 } })).filter).toEqual({});
  });

  it('narrows a filter side by side, or with $and when both name a field', () => {
    const room = writeRoom(schema, toUpdate(schema, { inc: { stock: -1 } }));
    expect(withRoom({ name: 'a' }, room)).toEqual({ name: 'a', stock: { $gte: 1 } });
    expect(withRoom({ stock: 5 }, room)).toEqual({ $and: [{ stock: 5 }, { stock: { $gte: 1 } }] });
  });
});
