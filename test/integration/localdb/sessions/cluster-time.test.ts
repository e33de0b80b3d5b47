import { Binary, type CommandSucceededEvent, type Document, Long, Timestamp } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useOwnLocalDb } from '#test/support/own-localdb.ts';

function operationTime(events: CommandSucceededEvent[], name: string): Timestamp {
  const reply = events.findLast((event) => event.commandName === name)?.reply as Document;
  expect(reply?.operationTime).toBeInstanceOf(Timestamp);
  return reply.operationTime as Timestamp;
}

describe('cluster time and read concern (real driver, localdb of its own)', () => {
  const own = useOwnLocalDb();
  const { started, succeeded } = own;

  it('advances operationTime with each write, not with reads', async () => {
    const collection = own.client.db('clock').collection('c');
    await collection.insertOne({ n: 1 });
    const first = operationTime(succeeded, 'insert');
    await collection.findOne({});
    expect(operationTime(succeeded, 'find').equals(first)).toBe(true);
    await collection.updateOne({ n: 1 }, { $set: { n: 2 } });
    const second = operationTime(succeeded, 'update');
    expect(second.greaterThan(first)).toBe(true);
    const reply = succeeded.findLast((event) => event.commandName === 'update')?.reply as Document;
    expect(reply.$clusterTime.clusterTime.equals(second)).toBe(true);
  });

  it('accepts a gossiped $clusterTime ahead of its own and moves to it', async () => {
    const session = own.client.startSession();
    try {
      const { operationTime: now } = await own.client.db('clock').command({ ping: 1 });
      const ahead = new Timestamp({ t: now.t + 60, i: 7 });
      const signature = { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) };
      session.advanceClusterTime({ clusterTime: ahead, signature });
      const reply = await own.client.db('clock').command({ ping: 1 }, { session });
      const sent = started.findLast((event) => event.commandName === 'ping')?.command;
      expect(sent?.$clusterTime.clusterTime.equals(ahead)).toBe(true);
      expect(reply.$clusterTime.clusterTime.equals(ahead)).toBe(true);
    } finally {
      await session.endSession();
    }
  });

  it('reads in a causally consistent session with afterClusterTime of the last write', async () => {
    const session = own.client.startSession({ causalConsistency: true });
    try {
      const collection = own.client.db('clock').collection('causal');
      await collection.insertOne({ _id: 'seen' } as never, { session });
      const wrote = operationTime(succeeded, 'insert');
      expect(await collection.findOne({ _id: 'seen' } as never, { session })).toEqual({
        _id: 'seen',
      });
      const find = started.findLast((event) => event.commandName === 'find')?.command;
      expect(find?.readConcern.afterClusterTime.equals(wrote)).toBe(true);
    } finally {
      await session.endSession();
    }
  });

  it('answers a read after a cluster time it has not reached yet at once, reaching it', async () => {
    const reply = await own.client.db('clock').command({ ping: 1 });
    const ahead = new Timestamp({ t: reply.operationTime.t + 3600, i: 1 });
    const started = performance.now();
    const found = await own.client
      .db('clock')
      .command({ find: 'c', filter: {}, readConcern: { afterClusterTime: ahead } });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(found.ok).toBe(1);
    expect(
      found.$clusterTime.clusterTime.greaterThan(ahead) ||
        found.$clusterTime.clusterTime.equals(ahead),
    ).toBe(true);
  });

  it('accepts every read concern level and refuses unknown ones', async () => {
    const sessions = own.client.db('clock');
    for (const level of ['local', 'majority', 'available', 'linearizable', 'snapshot']) {
      const reply = await sessions.command({ find: 'c', filter: {}, readConcern: { level } });
      expect(reply.ok).toBe(1);
    }
    await expect(
      sessions.command({ find: 'c', filter: {}, readConcern: { level: 'strong' } }),
    ).rejects.toMatchObject({ code: 2, codeName: 'BadValue' });
    await expect(
      sessions.command({ find: 'c', filter: {}, readConcern: { afterClusterTime: 5 } }),
    ).rejects.toMatchObject({ code: 14 });
  });
});
