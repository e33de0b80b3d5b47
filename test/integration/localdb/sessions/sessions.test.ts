import { type Document, Long, MongoClient, UUID } from 'mongodb';
import { describe, expect, it, vi } from 'vitest';
import { encodeOpMsg } from '#localdb/wire/op-msg.ts';
import { RawClient, readOpMsgReply } from '#test/integration/localdb/server/raw-client.ts';
import { useOwnLocalDb } from '#test/support/own-localdb.ts';

/** The canonical session id localdb keys sessions by: the lsid UUID, dashed. */
function idOf(lsid: Document): string {
  return new UUID(lsid.id.buffer).toHexString();
}

describe('logical sessions (real driver, localdb of its own)', () => {
  const own = useOwnLocalDb();
  const { started } = own;

  it('every command the driver sends carries an lsid with a UUID id', async () => {
    const collection = own.client.db('sessions').collection('c');
    await collection.insertOne({ a: 1 });
    await collection.find({}).toArray();
    await collection.aggregate([{ $match: {} }]).toArray();
    await own.client.db('sessions').command({ ping: 1 });
    const names = started.map((event) => event.commandName);
    expect(names).toEqual(['insert', 'find', 'aggregate', 'ping']);
    for (const event of started) {
      expect(event.command.lsid?.id?.sub_type).toBe(4);
    }
  });

  it('tracks each session the commands name, and serverStatus counts them', async () => {
    const session = own.client.startSession();
    try {
      await own.client.db('sessions').collection('c').findOne({}, { session });
      const sent = started.find((event) => event.commandName === 'find')?.command.lsid;
      const id = idOf(sent);
      expect(id).toBe(new UUID(session.id?.id.buffer).toHexString());
      expect(own.db.state.sessions.get(id)?.lastUse).toBeInstanceOf(Date);
      const status = await own.client.db('admin').command({ serverStatus: 1 });
      expect(status.logicalSessionRecordCache.activeSessionsCount).toBe(own.db.state.sessions.size);
      expect(own.db.state.sessions.size).toBeGreaterThanOrEqual(1);
    } finally {
      await session.endSession();
    }
  });

  it('endSessions, killSessions and refreshSessions act on the named sessions', async () => {
    const admin = own.client.db('admin');
    // Three sessions open at once, so the driver's pool cannot hand out the same server session twice.
    const open = [own.client.startSession(), own.client.startSession(), own.client.startSession()];
    for (const session of open) await admin.command({ ping: 1 }, { session });
    const ids = open.map((session) => new UUID(session.id?.id.buffer));
    // Sent without a session of their own (not taken from the pool holding the ids under test).
    const bare = { session: undefined };
    const known = (id: UUID) => own.db.state.sessions.get(id.toHexString()) !== undefined;
    expect(ids.map(known)).toEqual([true, true, true]);
    const [ended, killed, kept] = ids as [UUID, UUID, UUID];
    const before = own.db.state.sessions.get(kept.toHexString())?.lastUse.getTime() ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await admin.command({ refreshSessions: [{ id: kept }] }, bare);
    expect(own.db.state.sessions.get(kept.toHexString())?.lastUse.getTime()).toBeGreaterThan(
      before,
    );
    await admin.command({ endSessions: [{ id: ended }] }, bare);
    await admin.command({ killSessions: [{ id: killed }] }, bare);
    expect(ids.map(known)).toEqual([false, false, true]);
    for (const session of open) await session.endSession();
    await expect(admin.command({ endSessions: 'all' })).rejects.toMatchObject({ code: 14 });
  });

  it('forgets the client sessions when the driver ends them on close', async () => {
    const other = new MongoClient(own.db.uri, { serverSelectionTimeoutMS: 5_000 });
    await other.connect();
    const session = other.startSession();
    await other.db('sessions').collection('c').findOne({}, { session });
    const id = new UUID(session.id?.id.buffer).toHexString();
    await session.endSession();
    expect(own.db.state.sessions.get(id)).toBeDefined();
    // The driver sends endSessions unacknowledged (moreToCome) as it closes: wait for it to land.
    await other.close();
    await vi.waitFor(() => expect(own.db.state.sessions.get(id)).toBeUndefined());
  });

  it('refuses inconsistent session fields as mongod does', async () => {
    const sessions = own.client.db('sessions');
    const session = own.client.startSession();
    const txnNumber = Long.fromNumber(1);
    try {
      await expect(
        sessions.command({ find: 'c', txnNumber, autocommit: true }, { session }),
      ).rejects.toMatchObject({ code: 72, message: 'Specifying autocommit=true is not allowed.' });
      await expect(
        sessions.command({ find: 'c', autocommit: false }, { session }),
      ).rejects.toMatchObject({
        code: 72,
        message: "'autocommit' field requires a transaction number to also be specified",
      });
      await expect(
        sessions.command({ find: 'c', txnNumber, startTransaction: true }, { session }),
      ).rejects.toMatchObject({ code: 72 });
    } finally {
      await session.endSession();
    }
  });

  it('refuses a txnNumber without a session id', async () => {
    const raw = await RawClient.connect(own.db.port);
    try {
      const body = { find: 'c', txnNumber: Long.fromNumber(1), $db: 'sessions' };
      raw.send(encodeOpMsg({ requestId: 1, responseTo: 0, body }));
      const frame = await raw.next();
      expect(frame).toBeDefined();
      expect(readOpMsgReply(frame!).body).toMatchObject({
        ok: 0,
        code: 72,
        errmsg: 'Transaction number requires a session ID to also be specified',
      });
    } finally {
      raw.close();
    }
  });
});
