import { ObjectId } from 'mongodb';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { ApiError } from '#lib/http/errors.ts';
import { replaceOps } from '#lib/model/replace.ts';

// replace's compare-and-swap against a collection that another writer always beats.
const spec = {
  name: 'note',
  schema: z.strictObject({ text: z.string() }),
  timestamps: false,
  versioned: true,
};

function losingCollection() {
  let version = 1;
  return {
    findOne: vi.fn(async () => ({ version })),
    // Between every read and the write another writer moves the version on.
    findOneAndReplace: vi.fn(async () => {
      version += 1;
      return null;
    }),
  };
}

describe('replaceOps.replace', () => {
  it('reads again after a lost race, and answers 409 after 3 attempts', async () => {
    const collection = losingCollection();
    const ops = replaceOps(spec, (input) => ({ ...input, version: 1 }));
    const bound = {
      runner: { run: (work: (c: never, op: object) => unknown) => work(collection as never, {}) },
    };
    const error = await ops.replace
      .call(bound as never, new ObjectId(), { text: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ statusCode: 409, type: 'write-conflict' });
    expect(collection.findOne).toHaveBeenCalledTimes(3);
    // Each attempt writes only over the version it read, and writes the next one.
    const filters = collection.findOneAndReplace.mock.calls.map((call) => (call as unknown[])[0]);
    expect(filters.map((f) => (f as { version: unknown }).version)).toEqual([
      { $in: [1] },
      { $in: [2] },
      { $in: [3] },
    ]);
  });
});
