import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltBundle, bundleAll, bundleTargets } from '#bench/build/bundle.ts';
import { warmConnections } from '#bench/quick/connections.ts';
import { oneKbUser } from '#bench/support/database.ts';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';

// CI's connection gate: an execution environment (a process running the deployed bundle)
// opens its connections on the first invocation and none over the warm ones after it.
const dbName = uniqueDbName('bench_conn');
let outDir = '';
let usersGet: BuiltBundle | undefined;
let leaky: BuiltBundle | undefined;
let userId = '';

beforeAll(async () => {
  // Inside the repo, so that a bundle finds node_modules; bench/results/ is git-ignored, so a
  // fresh clone lacks it.
  await mkdir('bench/results', { recursive: true });
  outDir = await mkdtemp('bench/results/test-connections-');
  const target = (await bundleTargets()).find((t) => t.name === 'usersGet');
  if (!target) throw new Error('serverless.yml has no usersGet function');
  const fixture = {
    name: 'new client per call',
    entry: 'test/bench/fixtures/new-client-per-call.ts',
    deployed: false,
  };
  [usersGet, leaky] = await bundleAll([target, fixture], outDir);
  const client = await connectTestClient();
  try {
    const user = oneKbUser();
    await client.db(dbName).collection('users').insertOne(user);
    userId = user._id.toHexString();
  } finally {
    await client.close();
  }
}, 120_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
  const client = await connectTestClient();
  await client.db(dbName).dropDatabase();
  await client.close();
});

describe('connections per execution environment', () => {
  it('GET /users/{id}: connects on the first invocation, none over 1,000 warm ones', async () => {
    if (!usersGet) throw new Error('usersGet did not build');
    const result = await warmConnections(usersGet.file, testMongoUri(), dbName, userId, 1_000);
    expect(result.socketsAfterFirst).toBeGreaterThan(0);
    expect(result.warmInvocations).toBe(1_000);
    expect(result.socketsDuringWarm).toBe(0);
  }, 120_000);

  it('would catch a handler that connects per invocation', async () => {
    if (!leaky) throw new Error('fixture did not build');
    const result = await warmConnections(leaky.file, testMongoUri(), dbName, userId, 20);
    expect(result.socketsDuringWarm).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('answers 404 for an absent user (the environment checks every status)', async () => {
    if (!usersGet) throw new Error('usersGet did not build');
    const missing = new ObjectId().toHexString();
    await expect(
      warmConnections(usersGet.file, testMongoUri(), dbName, missing, 1),
    ).rejects.toThrow(/answered 404/);
  }, 120_000);
});
