import { MongoClient, type ServerHeartbeatSucceededEvent } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';
import { encodeOpMsg } from '#localdb/wire/op-msg.ts';
import { MsgFlag } from '#localdb/wire/opcodes.ts';
import { RawClient, readOpMsgReply } from './raw-client.ts';

describe('awaitable hello (the driver streaming monitor)', () => {
  let db: LocalDb;
  beforeAll(async () => {
    db = await startLocalDb({ port: 0 });
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('keeps the driver monitor streaming heartbeats while commands succeed', async () => {
    const heartbeats: ServerHeartbeatSucceededEvent[] = [];
    const client = new MongoClient(db.uri, {
      heartbeatFrequencyMS: 150,
      serverSelectionTimeoutMS: 5_000,
    });
    client.on('serverHeartbeatSucceeded', (event) => heartbeats.push(event));
    let failedHeartbeats = 0;
    client.on('serverHeartbeatFailed', () => failedHeartbeats++);
    try {
      await client.connect();
      const started = Date.now();
      while (Date.now() - started < 1_200) {
        expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(heartbeats.filter((event) => event.awaited).length).toBeGreaterThanOrEqual(3);
      expect(failedHeartbeats).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('waits maxAwaitTimeMS, then streams replies with moreToCome under exhaustAllowed', async () => {
    const raw = await RawClient.connect(db.port);
    try {
      raw.send(encodeOpMsg({ requestId: 1, responseTo: 0, body: { hello: 1, $db: 'admin' } }));
      const { topologyVersion } = readOpMsgReply((await raw.next())!).body;
      const started = Date.now();
      raw.send(
        encodeOpMsg({
          requestId: 2,
          responseTo: 0,
          flags: MsgFlag.exhaustAllowed,
          body: { hello: 1, topologyVersion, maxAwaitTimeMS: 200, $db: 'admin' },
        }),
      );
      const first = (await raw.next())!;
      expect(Date.now() - started).toBeGreaterThanOrEqual(180);
      expect(first.header.responseTo).toBe(2);
      expect(readOpMsgReply(first)).toMatchObject({ moreToCome: true, body: { ok: 1 } });
      const second = (await raw.next())!;
      expect(second.header.responseTo).toBe(first.header.requestId);
      expect(readOpMsgReply(second).moreToCome).toBe(true);
    } finally {
      raw.close();
    }
  });

  it('answers at once when the client knows another topologyVersion', async () => {
    const raw = await RawClient.connect(db.port);
    try {
      const stale = { processId: db.state.electionId, counter: 0 };
      const started = Date.now();
      raw.send(
        encodeOpMsg({
          requestId: 1,
          responseTo: 0,
          body: { hello: 1, topologyVersion: stale, maxAwaitTimeMS: 5_000, $db: 'admin' },
        }),
      );
      const reply = readOpMsgReply((await raw.next())!);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(reply).toMatchObject({ moreToCome: false, body: { ok: 1, isWritablePrimary: true } });
    } finally {
      raw.close();
    }
  });
});
