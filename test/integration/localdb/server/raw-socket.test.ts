import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';
import { allocateMessage } from '#localdb/wire/header.ts';
import { encodeOpMsg } from '#localdb/wire/op-msg.ts';
import { encodeOpQuery } from '#localdb/wire/op-query.ts';
import { parseOpReply } from '#localdb/wire/op-reply.ts';
import { MsgFlag } from '#localdb/wire/opcodes.ts';
import { RawClient, readOpMsgReply } from './raw-client.ts';

describe('localdb on a raw socket', () => {
  let db: LocalDb;
  let raw: RawClient;
  beforeAll(async () => {
    db = await startLocalDb({ port: 0 });
  });
  afterEach(() => raw?.close());
  afterAll(async () => {
    await db?.stop();
  });

  it('answers the legacy OP_QUERY isMaster handshake with OP_REPLY', async () => {
    raw = await RawClient.connect(db.port);
    raw.send(
      encodeOpQuery({ requestId: 77, fullCollectionName: 'admin.$cmd', query: { isMaster: 1 } }),
    );
    const frame = await raw.next();
    expect(frame?.header).toMatchObject({ opCode: 1, responseTo: 77 });
    const [reply] = parseOpReply(frame!).documents;
    expect(reply).toMatchObject({ ismaster: true, ok: 1, maxWireVersion: 25, setName: 'localdb' });
    expect(reply!.hosts).toEqual([`127.0.0.1:${db.port}`]);
  });

  it('refuses other OP_QUERY commands with code 352 and keeps the connection', async () => {
    raw = await RawClient.connect(db.port);
    raw.send(encodeOpQuery({ requestId: 1, fullCollectionName: 'app.$cmd', query: { find: 'c' } }));
    const [reply] = parseOpReply((await raw.next())!).documents;
    expect(reply).toMatchObject({ ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand' });
    raw.send(encodeOpMsg({ requestId: 2, responseTo: 0, body: { ping: 1, $db: 'admin' } }));
    expect(readOpMsgReply((await raw.next())!).body.ok).toBe(1);
  });

  it('executes a moreToCome request without replying', async () => {
    raw = await RawClient.connect(db.port);
    const before = db.state.opcounters.command;
    const flags = MsgFlag.moreToCome;
    raw.send(encodeOpMsg({ requestId: 1, responseTo: 0, flags, body: { ping: 1, $db: 'admin' } }));
    raw.send(encodeOpMsg({ requestId: 2, responseTo: 0, body: { ping: 1, $db: 'admin' } }));
    const frame = await raw.next();
    expect(frame?.header.responseTo).toBe(2);
    expect(await raw.next(200)).toBeUndefined();
    expect(db.state.opcounters.command - before).toBeGreaterThanOrEqual(2);
  });

  it('answers in request order on one connection', async () => {
    raw = await RawClient.connect(db.port);
    const ids = [11, 12, 13, 14, 15];
    raw.send(
      Buffer.concat(
        ids.map((requestId) =>
          encodeOpMsg({ requestId, responseTo: 0, body: { ping: 1, $db: 'admin' } }),
        ),
      ),
    );
    const answered: number[] = [];
    for (const _ of ids) answered.push((await raw.next())!.header.responseTo);
    expect(answered).toEqual(ids);
  });

  it('drains a deep pipeline (reading pauses and resumes) without losing or reordering replies', async () => {
    raw = await RawClient.connect(db.port);
    const ids = Array.from({ length: 500 }, (_, i) => 1_000 + i);
    const body = { ping: 1, $db: 'admin' };
    raw.send(
      Buffer.concat(ids.map((requestId) => encodeOpMsg({ requestId, responseTo: 0, body }))),
    );
    const answered: number[] = [];
    for (const _ of ids) answered.push((await raw.next())?.header.responseTo ?? -1);
    expect(answered).toEqual(ids);
  });

  it('accepts a request carrying a valid CRC-32C checksum', async () => {
    raw = await RawClient.connect(db.port);
    const body = { ping: 1, $db: 'admin' };
    raw.send(encodeOpMsg({ requestId: 3, responseTo: 0, body, checksum: true }));
    const frame = await raw.next();
    expect(frame?.header.responseTo).toBe(3);
    expect(readOpMsgReply(frame!).body.ok).toBe(1);
  });

  it('closes the connection on a bad checksum', async () => {
    raw = await RawClient.connect(db.port);
    const bytes = encodeOpMsg({
      requestId: 3,
      responseTo: 0,
      body: { ping: 1, $db: 'a' },
      checksum: true,
    });
    bytes[bytes.byteLength - 1]! ^= 0x01;
    raw.send(bytes);
    expect(await raw.closedWithin(2_000)).toBe(true);
  });

  it('answers another opcode with a clear error and keeps serving', async () => {
    raw = await RawClient.connect(db.port);
    const compressed = allocateMessage(25, 4, 0, 2012);
    raw.send(compressed);
    const { body } = readOpMsgReply((await raw.next())!);
    expect(body).toMatchObject({ ok: 0, code: 17, codeName: 'ProtocolError' });
    expect(body.errmsg).toMatch(/OP_COMPRESSED/);
    raw.send(encodeOpMsg({ requestId: 5, responseTo: 0, body: { ping: 1, $db: 'admin' } }));
    expect((await raw.next())?.header.responseTo).toBe(5);
  });

  it('answers a write batch over maxWriteBatchSize with an error reply', async () => {
    raw = await RawClient.connect(db.port);
    const documents = Array.from({ length: 100_001 }, () => ({}));
    raw.send(
      encodeOpMsg({
        requestId: 6,
        responseTo: 0,
        body: { insert: 'c', $db: 'raw_batch' },
        sequences: [{ identifier: 'documents', documents }],
      }),
    );
    const { body } = readOpMsgReply((await raw.next(10_000))!);
    expect(body).toMatchObject({ ok: 0, code: 16, codeName: 'InvalidLength' });
    expect(body.errmsg).toBe(
      'Write batch sizes must be between 1 and 100000. Got 100001 operations.',
    );
  });

  it('answers a request without $db with code 40571', async () => {
    raw = await RawClient.connect(db.port);
    raw.send(encodeOpMsg({ requestId: 8, responseTo: 0, body: { ping: 1 } }));
    expect(readOpMsgReply((await raw.next())!).body).toMatchObject({ ok: 0, code: 40571 });
  });
});
