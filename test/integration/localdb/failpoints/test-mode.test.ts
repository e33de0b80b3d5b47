import { describe, expect, it } from 'vitest';
import { useOwnLocalDb } from '#test/support/own-localdb.ts';

describe('configureFailPoint outside test mode', () => {
  const own = useOwnLocalDb();

  it('is CommandNotFound (59), as on a mongod without enableTestCommands', async () => {
    await expect(
      own.client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'alwaysOn' }),
    ).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    const { commands } = await own.client.db('admin').command({ listCommands: 1 });
    expect(commands).not.toHaveProperty('configureFailPoint');
  });
});

describe('configureFailPoint in test mode', () => {
  const own = useOwnLocalDb({ testCommands: true });

  it('is listed and reports enableTestCommands', async () => {
    const { commands } = await own.client.db('admin').command({ listCommands: 1 });
    expect(commands.configureFailPoint).toMatchObject({ adminOnly: true });
    const { enableTestCommands } = await own.client
      .db('admin')
      .command({ getParameter: 1, enableTestCommands: 1 });
    expect(enableTestCommands).toBe(true);
  });

  it('runs only against the admin database', async () => {
    await expect(
      own.client.db('other').command({ configureFailPoint: 'failCommand', mode: 'off' }),
    ).rejects.toMatchObject({ code: 13, codeName: 'Unauthorized' });
  });
});
