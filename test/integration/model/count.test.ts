import type { CommandStartedEvent } from 'mongodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { model, withTransaction } from '#lib/model/index.ts';
import { useModelFixture } from './support.ts';

const Tally = model({
  name: 'tally',
  collection: 'tallies',
  schema: z.strictObject({ n: z.int(), odd: z.boolean() }),
});

const f = useModelFixture('model_count', { options: { monitorCommands: true } });
const started: CommandStartedEvent[] = [];
/** The names of the commands that counting started (what the server was asked to do). */
const commandsOf = async (work: () => Promise<unknown>) => {
  started.length = 0;
  await work();
  return started.map((e) => e.commandName);
};

beforeAll(async () => {
  f.client.on('commandStarted', (event) => started.push(event));
  await Tally.bind(f.ctx()).insertMany(
    Array.from({ length: 7 }, (_, n) => ({ n, odd: n % 2 === 1 })),
  );
});
beforeEach(() => {
  started.length = 0;
});
const tallies = () => Tally.bind(f.ctx());

describe('count (lib/model/count.ts)', () => {
  it('counts an unfiltered collection from its metadata (the count command, no scan)', async () => {
    let total: number | undefined;
    expect(await commandsOf(async () => (total = await tallies().count()))).toEqual(['count']);
    expect(total).toBe(7);
  });

  it('counts a filter exactly (countDocuments: an aggregation)', async () => {
    let odd: number | undefined;
    expect(await commandsOf(async () => (odd = await tallies().count({ odd: true })))).toEqual([
      'aggregate',
    ]);
    expect(odd).toBe(3);
  });

  it("gives page mode's total the same way, and keyset mode's when asked", async () => {
    let page: { total?: number } | undefined;
    const pageCommands = await commandsOf(async () => {
      page = await tallies().paginate({}, { page: 1, perPage: 5 });
    });
    expect(pageCommands.sort()).toEqual(['count', 'find']);
    expect(page?.total).toBe(7);
    const keysetCommands = await commandsOf(() =>
      tallies().paginate({ odd: false }, { limit: 2, withTotal: true }),
    );
    expect(keysetCommands.sort()).toEqual(['aggregate', 'find']);
  });

  it('counts exactly inside a transaction (count is not allowed there) and sees its writes', async () => {
    let inside: number | undefined;
    const commands = await commandsOf(() =>
      expect(
        withTransaction(f.ctx(), async (tx) => {
          await Tally.bind(tx).insert({ n: 7, odd: true });
          inside = await Tally.bind(tx).count();
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back'),
    );
    expect(inside).toBe(8);
    expect(commands).toContain('aggregate');
    expect(commands).not.toContain('count');
    expect(await tallies().count()).toBe(7);
  });
});
