import { setTimeout as sleep } from 'node:timers/promises';
import { type Document, Long, MongoClient, UUID } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';
import { encodeOpMsg } from '#localdb/wire/op-msg.ts';
import { RawClient, readOpMsgReply } from '#test/integration/localdb/server/raw-client.ts';

const LIFETIME_MS = 400;

/**
 * How transactions end and what the server answers around them. Transaction commands go over a
 * raw socket (the driver rewrites lsid, txnNumber and readConcern of what it sends); the driver
 * checks the data. A localdb of its own, with the transaction lifetime limit shortened
 * (transactionLifetimeLimitSeconds is 60 s by default).
 */
describe('transactions: lifetime, endSessions, txnNumbers and server errors', () => {
  let server: LocalDb;
  let client: MongoClient;
  let raw: RawClient;
  let lsid: Document;
  let txnNumber = 0;
  let requestId = 0;

  async function run(body: Document, db = 'lifecycle'): Promise<Document> {
    requestId += 1;
    raw.send(encodeOpMsg({ requestId, responseTo: 0, body: { ...body, lsid, $db: db } }));
    const frame = await raw.next();
    if (!frame) throw new Error(`no reply to ${Object.keys(body)[0]}`);
    return readOpMsgReply(frame).body;
  }
  const statement = (command: Document, extra: Document = {}) =>
    run({ ...command, txnNumber: Long.fromNumber(txnNumber), autocommit: false, ...extra });
  const start = (command: Document, extra: Document = {}) => {
    txnNumber += 1;
    return statement(command, { startTransaction: true, ...extra });
  };
  const control = (name: string, number = txnNumber, extra: Document = {}) =>
    run({ [name]: 1, txnNumber: Long.fromNumber(number), autocommit: false, ...extra }, 'admin');
  const contents = () => client.db('lifecycle').collection('c').find().toArray();

  beforeAll(async () => {
    process.env.LOCALDB_TRANSACTION_LIFETIME_MS = String(LIFETIME_MS);
    server = await startLocalDb({ port: 0 });
    client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
    raw = await RawClient.connect(server.port);
  });
  afterAll(async () => {
    raw?.close();
    await client?.close();
    await server?.stop();
    delete process.env.LOCALDB_TRANSACTION_LIFETIME_MS;
  });
  beforeEach(async () => {
    lsid = { id: new UUID() };
    txnNumber = 0;
    const collection = client.db('lifecycle').collection('c');
    await collection.deleteMany({});
    await collection.insertOne({ _id: 1, n: 0 } as Document);
  });

  it('a transaction past its lifetime is aborted: its writes vanish and its locks go', async () => {
    expect(
      await start({ update: 'c', updates: [{ q: { _id: 1 }, u: { $set: { n: 9 } } }] }),
    ).toMatchObject({ ok: 1, nModified: 1 });
    await sleep(LIFETIME_MS + 100);
    const started = Date.now();
    await client
      .db('lifecycle')
      .collection('c')
      .updateOne({ _id: 1 } as Document, { $inc: { n: 1 } });
    expect(Date.now() - started).toBeLessThan(LIFETIME_MS);
    expect(await control('commitTransaction')).toMatchObject({ ok: 0, code: 251 });
    expect(await contents()).toEqual([{ _id: 1, n: 1 }]);
  });

  it('endSessions aborts the open transaction of the session', async () => {
    expect(await start({ insert: 'c', documents: [{ _id: 2 }] })).toMatchObject({ ok: 1 });
    expect(await run({ endSessions: [lsid] }, 'admin')).toMatchObject({ ok: 1 });
    expect(await statement({ find: 'c' })).toMatchObject({
      ok: 0,
      code: 251,
      errorLabels: ['TransientTransactionError'],
    });
    expect(await contents()).toEqual([{ _id: 1, n: 0 }]);
  });

  it('a newer txnNumber aborts the previous transaction; the old one is then TransactionTooOld', async () => {
    await start({ insert: 'c', documents: [{ _id: 2 }] });
    const old = txnNumber;
    await start({ insert: 'c', documents: [{ _id: 3 }] });
    expect(await control('commitTransaction', old)).toMatchObject({ ok: 0, code: 225 });
    expect(await control('commitTransaction')).toMatchObject({ ok: 1 });
    expect(await contents()).toEqual([{ _id: 1, n: 0 }, { _id: 3 }]);
  });

  it('commit is idempotent; commit after abort and a second abort answer NoSuchTransaction', async () => {
    await start({ insert: 'c', documents: [{ _id: 2 }] });
    expect(await control('commitTransaction')).toMatchObject({ ok: 1 });
    expect(await control('commitTransaction')).toMatchObject({ ok: 1 });
    expect(await contents()).toEqual([{ _id: 1, n: 0 }, { _id: 2 }]);
    expect(await statement({ find: 'c' })).toMatchObject({ ok: 0, code: 256 });

    await start({ insert: 'c', documents: [{ _id: 3 }] });
    expect(await control('abortTransaction')).toMatchObject({ ok: 1 });
    expect(await control('abortTransaction')).toMatchObject({ ok: 0, code: 251 });
    expect(await control('commitTransaction')).toMatchObject({
      ok: 0,
      code: 251,
      errorLabels: ['TransientTransactionError'],
    });
    expect(await contents()).toEqual([{ _id: 1, n: 0 }, { _id: 2 }]);
  });

  it('a statement without startTransaction for an unknown txnNumber is NoSuchTransaction', async () => {
    txnNumber += 1;
    expect(await statement({ find: 'c' })).toMatchObject({ ok: 0, code: 251 });
  });

  it('commands not allowed in a transaction answer 263 and abort it', async () => {
    await start({ insert: 'c', documents: [{ _id: 2 }] });
    expect(await statement({ count: 'c' })).toMatchObject({
      ok: 0,
      code: 263,
      codeName: 'OperationNotSupportedInTransaction',
    });
    expect(await statement({ find: 'c' })).toMatchObject({ ok: 0, code: 251 });
    await start({ find: 'c' });
    const out = await statement({ aggregate: 'c', pipeline: [{ $out: 'elsewhere' }], cursor: {} });
    expect(out).toMatchObject({ ok: 0, code: 263 });
    await start({ find: 'c' });
    expect(await statement({ drop: 'c' })).toMatchObject({ ok: 0, code: 263 });
    expect(await contents()).toEqual([{ _id: 1, n: 0 }]);
  });

  it.each(['local', 'majority', 'snapshot'])(
    'readConcern %s is accepted on the first statement only',
    async (level) => {
      expect(await start({ find: 'c' }, { readConcern: { level } })).toMatchObject({ ok: 1 });
      expect(await statement({ find: 'c' }, { readConcern: { level } })).toMatchObject({
        ok: 0,
        code: 72,
      });
    },
  );

  it('commit accepts a write concern; an unsatisfiable one is a writeConcernError after committing', async () => {
    await start({ insert: 'c', documents: [{ _id: 2 }] });
    const majority = await control('commitTransaction', txnNumber, {
      writeConcern: { w: 'majority', wtimeout: 1000 },
    });
    expect(majority).toMatchObject({ ok: 1 });
    expect(majority.writeConcernError).toBeUndefined();
    await start({ insert: 'c', documents: [{ _id: 3 }] });
    const five = await control('commitTransaction', txnNumber, { writeConcern: { w: 5 } });
    expect(five).toMatchObject({ ok: 1, writeConcernError: { code: 100 } });
    expect(await contents()).toEqual([{ _id: 1, n: 0 }, { _id: 2 }, { _id: 3 }]);
  });

  it('startTransaction again on the same txnNumber is refused', async () => {
    await start({ find: 'c' });
    expect(await statement({ find: 'c' }, { startTransaction: true })).toMatchObject({
      ok: 0,
      code: 117,
    });
  });
});
