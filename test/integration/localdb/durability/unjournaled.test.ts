import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalDb } from '#localdb/index.ts';
import { killServer, spawnServer, stopServer } from './child-server.ts';
import { tempDbPath } from './temp-dir.ts';

const COUNT = 300;

async function insertWithoutJ(uri: string, tag: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    const docs = client.db('nojournal').collection<{ _id: string; tag: string }>('docs');
    await docs.insertMany(
      Array.from({ length: COUNT / 2 }, (_, i) => ({ _id: `${tag}-many-${i}`, tag })),
      { writeConcern: { w: 1 } },
    );
    for (let i = 0; i < COUNT / 2; i++)
      await docs.insertOne({ _id: `${tag}-one-${i}`, tag }, { writeConcern: { w: 1 } });
  } finally {
    await client.close();
  }
}

async function countTag(uri: string, tag: string): Promise<number> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await client.db('nojournal').collection('docs').countDocuments({ tag });
  } finally {
    await client.close();
  }
}

// The documented window (LOCALDB_JOURNAL_SYNC_MS, 100 ms) only applies to losing the machine;
// these stop the server right after the last acknowledgment, with no wait for a group commit.
describe('writes without j', () => {
  const dirs: Awaited<ReturnType<typeof tempDbPath>>[] = [];
  afterAll(async () => {
    for (const dir of dirs) await dir.remove();
  });

  it('are all there after a clean stop (stop() flushes and syncs the journal)', async () => {
    const dir = await tempDbPath('nojournal-stop');
    dirs.push(dir);
    const first = await startLocalDb({ port: 0, dbPath: dir.path });
    await insertWithoutJ(first.uri, 'stop');
    await first.stop();
    const second = await startLocalDb({ port: 0, dbPath: dir.path });
    try {
      expect(await countTag(second.uri, 'stop')).toBe(COUNT);
    } finally {
      await second.stop();
    }
  });

  it('are all there after a SIGTERM of `npm run db` and after a SIGKILL', async () => {
    const dir = await tempDbPath('nojournal-signal');
    dirs.push(dir);
    const terminated = await spawnServer(dir.path);
    await insertWithoutJ(terminated.uri, 'sigterm');
    await stopServer(terminated);
    const killed = await spawnServer(dir.path);
    await insertWithoutJ(killed.uri, 'sigkill');
    await killServer(killed);
    const check = await spawnServer(dir.path);
    try {
      expect(await countTag(check.uri, 'sigterm')).toBe(COUNT);
      expect(await countTag(check.uri, 'sigkill')).toBe(COUNT);
    } finally {
      await stopServer(check);
    }
  }, 60_000);
});
