import { spawn } from 'node:child_process';
import { MongoClient, ObjectId } from 'mongodb';
import { stopChild } from './server-process.ts';

export interface BenchDb {
  readonly uri: string;
  readonly description: string;
  /** The local server's process (its CPU is read by the throughput section); none for MONGODB_URI. */
  readonly pid?: number | undefined;
  stop(): Promise<void>;
}

/**
 * The database every section uses: MONGODB_URI when set, else localdb in a process of its own
 * (in memory), so the server's work does not share an event loop with what is measured.
 */
export async function startBenchDb(): Promise<BenchDb> {
  const external = process.env.MONGODB_URI;
  if (external) return { uri: external, description: 'MONGODB_URI', stop: async () => {} };
  const child = spawn(process.execPath, ['localdb/cli.ts', '--port', '0', '--in-memory'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`localdb exited (${code}) before it was ready`)));
  });
  return {
    uri,
    description: 'localdb (in memory, own process)',
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

/** A user of about 1 KB of BSON: the model's fields plus a profile text. */
export function oneKbUser(i = 0) {
  const now = new Date('2026-01-01T00:00:00Z');
  return {
    _id: new ObjectId(),
    name: `Bench User ${i}`,
    email: `bench.user.${i}@example.com`,
    profile: 'x'.repeat(880),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** Seeds one 1 KB user into `dbName`.users and returns its id (hex). */
export async function seedOneUser(uri: string, dbName: string): Promise<string> {
  const client = new MongoClient(uri);
  try {
    const user = oneKbUser();
    await client.db(dbName).collection('users').insertOne(user);
    return user._id.toHexString();
  } finally {
    await client.close();
  }
}

/**
 * `count` users with ascending ObjectIds (the users' keyset order is _id), inserted in
 * batches; returns the ids in order so a section can address any position.
 */
export async function seedUsers(uri: string, dbName: string, count: number): Promise<ObjectId[]> {
  const client = new MongoClient(uri);
  try {
    const users = client.db(dbName).collection('users');
    await users.deleteMany({});
    const base = Math.floor(Date.now() / 1000) - count;
    const ids: ObjectId[] = [];
    for (let start = 0; start < count; start += 5_000) {
      const batch = Array.from({ length: Math.min(5_000, count - start) }, (_, j) => {
        const i = start + j;
        const _id = ObjectId.createFromTime(base + i);
        ids.push(_id);
        const { _id: _ignored, ...rest } = oneKbUser(i);
        return { _id, ...rest, profile: `profile ${i}` };
      });
      await users.insertMany(batch);
    }
    return ids;
  } finally {
    await client.close();
  }
}

/** serverStatus connection counters (localdb and MongoDB both report them). */
export async function connectionCounters(
  client: MongoClient,
): Promise<{ current: number; totalCreated: number }> {
  const status = await client.db('admin').command({ serverStatus: 1 });
  const c = status.connections as { current?: number; totalCreated?: number } | undefined;
  return {
    current: Number(c?.current ?? Number.NaN),
    totalCreated: Number(c?.totalCreated ?? Number.NaN),
  };
}
