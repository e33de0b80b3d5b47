// The driver is CommonJS: its bson classes are the CJS build, so instanceof checks use its exports.
import { MongoClient, MongoServerError, Timestamp } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestClient, onLocalDb, testMongoUri } from '#test/support/database.ts';

describe.runIf(onLocalDb())('localdb handshake through the mongodb driver', () => {
  let client: MongoClient;
  beforeAll(async () => {
    client = await connectTestClient();
  });
  afterAll(async () => {
    await client?.close();
  });

  it('answers ping with ok and gossips $clusterTime/operationTime', async () => {
    const reply = await client.db('admin').command({ ping: 1 });
    expect(reply.ok).toBe(1);
    expect(reply.operationTime).toBeInstanceOf(Timestamp);
    expect(reply.$clusterTime.clusterTime).toBeInstanceOf(Timestamp);
  });

  it('presents itself as the primary of a single-node replica set at the uri host:port', async () => {
    const uri = new URL(testMongoUri());
    const hello = await client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      secondary: false,
      hosts: [uri.host],
      primary: uri.host,
      me: uri.host,
      setName: uri.searchParams.get('replicaSet'),
      setVersion: 1,
      logicalSessionTimeoutMinutes: 30,
      minWireVersion: 0,
      maxWireVersion: 25,
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      readOnly: false,
    });
    expect(hello.topologyVersion.processId.toHexString()).toMatch(/^[0-9a-f]{24}$/);
    expect(hello.electionId.toHexString()).toMatch(/^[0-9a-f]{24}$/);
    expect(hello.lastWrite.opTime.ts).toBeInstanceOf(Timestamp);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(hello.connectionId).toBeGreaterThan(0);
    expect(hello.ismaster).toBeUndefined();
  });

  it('answers the legacy isMaster/ismaster forms with ismaster instead of isWritablePrimary', async () => {
    for (const name of ['isMaster', 'ismaster']) {
      const reply = await client.db('admin').command({ [name]: 1, helloOk: true });
      expect(reply.ismaster).toBe(true);
      expect(reply.helloOk).toBe(true);
      expect(reply.isWritablePrimary).toBeUndefined();
    }
  });

  it('reports a buildInfo agreeing with hello', async () => {
    const info = await client.db('admin').command({ buildInfo: 1 });
    expect(info.version).toBe('8.0.0');
    expect(info.versionArray).toEqual([8, 0, 0, 0]);
    expect(info.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(info.ok).toBe(1);
  });

  it('answers an unknown command with CommandNotFound (59) on any database', async () => {
    const failure = await client
      .db('some_app')
      .command({ frobnicate: 1 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MongoServerError);
    expect(failure).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    expect((failure as Error).message).toBe("no such command: 'frobnicate'");
  });

  it('answers the small admin commands with MongoDB shapes', async () => {
    const admin = client.db('admin');
    expect((await admin.command({ whatsmyuri: 1 })).you).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await admin.command({ getLog: 'startupWarnings' })).toMatchObject({ log: [] });
    expect((await admin.command({ hostInfo: 1 })).system.numCores).toBeGreaterThan(0);
    const status = await admin.command({ connectionStatus: 1 });
    expect(status.authInfo.authenticatedUsers).toEqual([]);
    const fcv = await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(fcv.featureCompatibilityVersion).toEqual({ version: '8.0' });
    await expect(admin.command({ getParameter: 1, noSuchParameter: 1 })).rejects.toMatchObject({
      code: 2,
    });
    expect((await admin.command({ listCommands: 1 })).commands.ping).toBeDefined();
    expect((await admin.command({ endSessions: [] })).ok).toBe(1);
  });

  it('never negotiates compression, so a client asking for it still works uncompressed', async () => {
    const compressed = new MongoClient(testMongoUri(), {
      serverSelectionTimeoutMS: 5_000,
      compressors: ['zlib'],
    });
    try {
      const hello = await compressed.db('admin').command({ hello: 1, compression: ['zlib'] });
      expect(hello.compression).toBeUndefined();
      expect((await compressed.db('admin').command({ ping: 1 })).ok).toBe(1);
    } finally {
      await compressed.close();
    }
  });

  it('connects without the replicaSet option too (direct to the primary)', async () => {
    const uri = new URL(testMongoUri());
    const direct = new MongoClient(`mongodb://${uri.host}/`, { serverSelectionTimeoutMS: 5_000 });
    try {
      await direct.connect();
      expect((await direct.db('admin').command({ ping: 1 })).ok).toBe(1);
    } finally {
      await direct.close();
    }
  });
});
