import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FailPointServer, startFailPointServer } from './fixture.ts';

/** Runs `ping` n times and says, for each, whether it failed with the injected code. */
async function pings(client: MongoClient, n: number): Promise<boolean[]> {
  const outcomes: boolean[] = [];
  for (let i = 0; i < n; i += 1) {
    const failed = await client
      .db('modes')
      .command({ ping: 1 })
      .then(
        () => false,
        (error: { code?: number }) => {
          if (error.code !== 8) throw error;
          return true;
        },
      );
    outcomes.push(failed);
  }
  return outcomes;
}

describe('failCommand modes (real driver, localdb in test mode)', () => {
  let server: FailPointServer;
  const data = { failCommands: ['ping'], errorCode: 8 };

  beforeAll(async () => {
    server = await startFailPointServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    await server.configure({ configureFailPoint: 'failCommand', mode: 'off' });
  });

  it('times: n fails the next n matching commands, then switches itself off', async () => {
    await server.configure({ configureFailPoint: 'failCommand', mode: { times: 2 }, data });
    expect(await pings(server.client, 4)).toEqual([true, true, false, false]);
  });

  it('skip: n lets n matching commands through, then fails every one', async () => {
    await server.configure({ configureFailPoint: 'failCommand', mode: { skip: 2 }, data });
    expect(await pings(server.client, 4)).toEqual([false, false, true, true]);
  });

  it('alwaysOn fails every matching command until mode off', async () => {
    await server.configure({ configureFailPoint: 'failCommand', mode: 'alwaysOn', data });
    expect(await pings(server.client, 3)).toEqual([true, true, true]);
    await server.configure({ configureFailPoint: 'failCommand', mode: 'off' });
    expect(await pings(server.client, 2)).toEqual([false, false]);
  });

  it('activationProbability 0 never fires, 1 always does', async () => {
    const never = { activationProbability: 0 };
    await server.configure({ configureFailPoint: 'failCommand', mode: never, data });
    expect(await pings(server.client, 3)).toEqual([false, false, false]);
    const always = { activationProbability: 1 };
    await server.configure({ configureFailPoint: 'failCommand', mode: always, data });
    expect(await pings(server.client, 3)).toEqual([true, true, true]);
  });

  it('commands not listed neither fail nor use up times', async () => {
    await server.configure({ configureFailPoint: 'failCommand', mode: { times: 1 }, data });
    await server.client.db('modes').collection('c').insertOne({ ok: true });
    expect(await server.client.db('modes').collection('c').countDocuments()).toBe(1);
    expect(await pings(server.client, 2)).toEqual([true, false]);
  });

  it('answers with the times the point was entered so far, and a new configure replaces the old', async () => {
    const before = await server.configure({ configureFailPoint: 'failCommand', mode: 'off' });
    await server.configure({ configureFailPoint: 'failCommand', mode: { times: 5 }, data });
    await pings(server.client, 2);
    const replaced = await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 1 },
      data: { failCommands: ['count'], errorCode: 8 },
    });
    expect(replaced).toMatchObject({ ok: 1, count: before.count + 2 });
    // The replacement no longer lists ping: the 3 remaining times of the first are gone.
    expect(await pings(server.client, 1)).toEqual([false]);
  });

  it('never fails configureFailPoint itself, even when listed', async () => {
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: 'alwaysOn',
      data: { failCommands: ['configureFailPoint'], errorCode: 8 },
    });
    const reply = await server.configure({ configureFailPoint: 'failCommand', mode: 'off' });
    expect(reply.ok).toBe(1);
  });

  it('refuses an invalid mode or data with BadValue', async () => {
    for (const mode of [
      'sometimes',
      { times: -1 },
      { times: 1, skip: 1 },
      { activationProbability: 2 },
    ]) {
      await expect(
        server.configure({ configureFailPoint: 'failCommand', mode, data }),
      ).rejects.toMatchObject({ code: 2, codeName: 'BadValue' });
    }
    await expect(
      server.configure({
        configureFailPoint: 'failCommand',
        mode: 'alwaysOn',
        data: { failCommands: 'ping' },
      }),
    ).rejects.toMatchObject({ code: 2 });
    await expect(
      server.configure({ configureFailPoint: 'noSuchFailPoint', mode: 'alwaysOn' }),
    ).rejects.toMatchObject({ code: 2, message: 'noSuchFailPoint not found' });
  });
});
