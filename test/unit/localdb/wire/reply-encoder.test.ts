import { deserialize, Timestamp } from 'bson';
import { describe, expect, it } from 'vitest';
import { encodeReply } from '#localdb/server/reply-encoder.ts';
import { readHeader } from '#localdb/wire/header.ts';
import { MsgFlag } from '#localdb/wire/opcodes.ts';

const gossip = {
  $clusterTime: { clusterTime: new Timestamp({ t: 1, i: 1 }) },
  operationTime: new Timestamp({ t: 1, i: 1 }),
};
const bodyOf = (bytes: Buffer) => deserialize(bytes.subarray(21));
/** An OP_MSG reply to request 1 unless `options` say otherwise. */
const encode = (
  body: Record<string, unknown>,
  options: Partial<Parameters<typeof encodeReply>[0]> = {},
) =>
  encodeReply({ legacy: false, requestId: 1, responseTo: 1, body, moreToCome: false, ...options });

describe('encodeReply', () => {
  it('encodes an OP_MSG reply with moreToCome when streaming', () => {
    const bytes = encode({ ok: 1 }, { requestId: 3, responseTo: 2, moreToCome: true });
    expect(readHeader(bytes)).toMatchObject({ opCode: 2013, requestId: 3, responseTo: 2 });
    expect(bytes.readUInt32LE(16)).toBe(MsgFlag.moreToCome);
    expect(bodyOf(bytes)).toEqual({ ok: 1 });
  });

  it('encodes an OP_REPLY for legacy requests', () => {
    const bytes = encode({ ok: 1 }, { legacy: true, requestId: 3, responseTo: 2 });
    expect(readHeader(bytes).opCode).toBe(1);
  });

  it('turns a reply over 16 MiB into a BSONObjectTooLarge error keeping the cluster time', () => {
    const body = { ok: 1, big: 'x'.repeat(17 * 1024 * 1024), ...gossip };
    const bytes = encode(body);
    const reply = bodyOf(bytes);
    expect(reply).toMatchObject({ ok: 0, code: 10334, codeName: 'BSONObjectTooLarge' });
    expect(reply.operationTime).toEqual(gossip.operationTime);
  });

  it('turns a reply BSON cannot encode into an InternalError reply', () => {
    const body: Record<string, unknown> = { ok: 1, ...gossip };
    body.self = body;
    const bytes = encode(body);
    expect(bodyOf(bytes)).toMatchObject({ ok: 0, code: 1, codeName: 'InternalError' });
  });
});
