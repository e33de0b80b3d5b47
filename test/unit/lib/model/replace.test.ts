import { MongoServerError, ObjectId } from 'mongodb';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { replaceOps } from '#lib/model/replace.ts';

// The replacement as one update pipeline, and PUT's upsert retried after a lost create race,
// against a stand-in collection that records what it is sent.
const spec = {
  name: 'note',
  schema: z.strictObject({ text: z.string() }),
  timestamps: true,
  versioned: true,
};
const createdAt = new Date('2026-01-01T00:00:00Z');
const ops = replaceOps(spec, (input) => ({
  ...input,
  createdAt,
  updatedAt: createdAt,
  version: 1,
}));

const duplicate = (keyPattern: object) =>
  new MongoServerError({ message: 'E11000 duplicate key error', code: 11000, keyPattern });

function bound(findOneAndUpdate: (...args: unknown[]) => Promise<unknown>) {
  const collection = { findOneAndUpdate: vi.fn(findOneAndUpdate) };
  const runner = {
    run: (work: (c: never, op: object) => unknown) => work(collection as never, {}),
  };
  return { collection, self: { runner } as never };
}

describe('replaceOps', () => {
  it('replaces in one write: values literal, createdAt kept, the version moved on', async () => {
    const { collection, self } = bound(async () => ({ value: { text: '$x' } }));
    const id = new ObjectId();
    await ops.replace.call(self, id, { text: '$x' }, { ifVersion: [2] });
    const [filter, pipeline, options] = collection.findOneAndUpdate.mock.calls[0] ?? [];
    expect(filter).toEqual({ _id: id, version: { $in: [2] } });
    expect(pipeline).toEqual([
      {
        $replaceWith: {
          _id: '$_id',
          text: { $literal: '$x' },
          createdAt: { $ifNull: ['$createdAt', { $literal: createdAt }] },
          updatedAt: { $literal: createdAt },
          version: { $add: [{ $ifNull: ['$version', 0] }, 1] },
        },
      },
    ]);
    expect(options).toMatchObject({ upsert: false, returnDocument: 'after' });
  });

  it('put upserts, and after another request created the id first, replaces', async () => {
    let calls = 0;
    const { collection, self } = bound(async () => {
      calls += 1;
      if (calls === 1) throw duplicate({ _id: 1 });
      return { value: { text: 'b' }, lastErrorObject: { updatedExisting: true } };
    });
    const answer = await ops.put.call(self, new ObjectId(), { text: 'b' });
    expect(answer).toEqual({ doc: { text: 'b' }, created: false });
    expect(collection.findOneAndUpdate).toHaveBeenCalledTimes(2);
    expect(collection.findOneAndUpdate.mock.calls[0]?.[2]).toMatchObject({ upsert: true });
  });

  it('put rethrows a duplicate on another unique index at once, and a taken id after 3 tries', async () => {
    const email = bound(async () => {
      throw duplicate({ email: 1 });
    });
    await expect(ops.put.call(email.self, new ObjectId(), { text: 'b' })).rejects.toMatchObject({
      code: 11000,
    });
    expect(email.collection.findOneAndUpdate).toHaveBeenCalledTimes(1);
    const taken = bound(async () => {
      throw duplicate({ _id: 1 });
    });
    await expect(ops.put.call(taken.self, new ObjectId(), { text: 'b' })).rejects.toThrow(/E11000/);
    expect(taken.collection.findOneAndUpdate).toHaveBeenCalledTimes(3);
  });

  it('put refuses an unknown option and an id that is not an ObjectId', async () => {
    const { self } = bound(async () => ({ value: null }));
    await expect(
      ops.put.call(self, new ObjectId(), { text: 'b' }, { exist: true } as never),
    ).rejects.toThrow('unknown write option: exist');
    await expect(ops.put.call(self, 'abc' as never, { text: 'b' })).rejects.toThrow(TypeError);
  });
});
