import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { model, withTransaction } from '#lib/model/index.ts';
import { useModelFixture } from './support.ts';

const Accounts = model({
  name: 'account',
  collection: 'accounts',
  schema: z.strictObject({ owner: z.string(), balance: z.int().min(0) }),
});

const f = useModelFixture('model_tx');
beforeAll(async () => {
  await f.db.createCollection('accounts');
});

describe('withTransaction (driver session.withTransaction on the cached client)', () => {
  it('commits every write of models bound to the transaction, which read their own writes', async () => {
    const [a, b] = await Promise.all([
      Accounts.bind(f.ctx()).insert({ owner: 'a', balance: 10 }),
      Accounts.bind(f.ctx()).insert({ owner: 'b', balance: 0 }),
    ]);
    const seen = await withTransaction(f.ctx(), async (tx) => {
      await Accounts.bind(tx).update(a._id, { inc: { balance: -4 } });
      await Accounts.bind(tx).update(b._id, { inc: { balance: 4 } });
      // Outside the transaction the change is not visible yet.
      const outside = await Accounts.bind(f.ctx()).get(a._id);
      const inside = await Accounts.bind(tx).get(a._id);
      return [outside?.balance, inside?.balance];
    });
    expect(seen).toEqual([10, 6]);
    const after = await Accounts.bind(f.ctx()).find({}, { sort: { owner: 1 } });
    expect(after.map((x) => x.balance)).toEqual([6, 4]);
  });

  it('rolls every write back when the work throws', async () => {
    const c = await Accounts.bind(f.ctx()).insert({ owner: 'c', balance: 1 });
    const failure = withTransaction(f.ctx(), async (tx) => {
      await Accounts.bind(tx).update(c._id, { inc: { balance: 100 } });
      await Accounts.bind(tx).insert({ owner: 'd', balance: 1 });
      throw new Error('changed my mind');
    });
    await expect(failure).rejects.toThrow('changed my mind');
    expect((await Accounts.bind(f.ctx()).get(c._id))?.balance).toBe(1);
    expect(await Accounts.bind(f.ctx()).exists({ owner: 'd' })).toBe(false);
  });
});
