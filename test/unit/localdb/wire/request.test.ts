import { describe, expect, it } from 'vitest';
import { decodeRequest } from '#localdb/server/request.ts';
import { allocateMessage, type Frame, readHeader } from '#localdb/wire/header.ts';
import { encodeOpMsg } from '#localdb/wire/op-msg.ts';
import { encodeOpQuery } from '#localdb/wire/op-query.ts';
import { MsgFlag } from '#localdb/wire/opcodes.ts';

const frameOf = (bytes: Buffer): Frame => ({ header: readHeader(bytes), bytes });

describe('decodeRequest', () => {
  it('reads the db and reply mode of an OP_MSG', () => {
    const flags = MsgFlag.moreToCome;
    const request = decodeRequest(
      frameOf(encodeOpMsg({ requestId: 1, responseTo: 0, flags, body: { ping: 1, $db: 'app' } })),
    );
    expect(request).toMatchObject({
      db: 'app',
      legacy: false,
      noReply: true,
      exhaustAllowed: false,
    });
    expect(request.error).toBeUndefined();
  });

  it('answers an OP_MSG without $db with error 40571', () => {
    const request = decodeRequest(
      frameOf(encodeOpMsg({ requestId: 1, responseTo: 0, body: { ping: 1 } })),
    );
    expect(request.error?.code).toBe(40571);
  });

  it('answers a body over maxBsonObjectSize with BSONObjectTooLarge', () => {
    const big = 'x'.repeat(16 * 1024 * 1024 + 17 * 1024);
    const bytes = encodeOpMsg({ requestId: 1, responseTo: 0, body: { ping: 1, big, $db: 'a' } });
    expect(decodeRequest(frameOf(bytes)).error?.codeName).toBe('BSONObjectTooLarge');
  });

  it('unwraps $query in a legacy OP_QUERY handshake', () => {
    const bytes = encodeOpQuery({
      requestId: 1,
      fullCollectionName: 'admin.$cmd',
      query: { $query: { isMaster: 1, helloOk: true }, $readPreference: { mode: 'primary' } },
    });
    const request = decodeRequest(frameOf(bytes));
    expect(request).toMatchObject({ db: 'admin', legacy: true });
    expect(Object.keys(request.command)).toEqual(['isMaster', 'helloOk']);
    expect(request.error).toBeUndefined();
  });

  it('refuses OP_QUERY for anything but the handshake (code 352)', () => {
    const find = encodeOpQuery({
      requestId: 1,
      fullCollectionName: 'app.$cmd',
      query: { find: 'c' },
    });
    expect(decodeRequest(frameOf(find)).error?.code).toBe(352);
    const collection = encodeOpQuery({
      requestId: 1,
      fullCollectionName: 'app.c',
      query: { isMaster: 1 },
    });
    expect(decodeRequest(frameOf(collection)).error?.code).toBe(352);
  });

  it('answers other opcodes (OP_COMPRESSED) with a ProtocolError naming them', () => {
    const request = decodeRequest(frameOf(allocateMessage(16, 1, 0, 2012)));
    expect(request.error?.codeName).toBe('ProtocolError');
    expect(request.error?.message).toMatch(/2012 \(OP_COMPRESSED\).*compression is not negotiated/);
  });
});
