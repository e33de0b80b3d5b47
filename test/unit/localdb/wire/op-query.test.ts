import { describe, expect, it } from 'vitest';
import { type Frame, readHeader } from '#localdb/wire/header.ts';
import { encodeOpQuery, parseOpQuery } from '#localdb/wire/op-query.ts';
import { encodeOpReply, parseOpReply } from '#localdb/wire/op-reply.ts';
import { WireProtocolError } from '#localdb/wire/wire-error.ts';

const frameOf = (bytes: Buffer): Frame => ({ header: readHeader(bytes), bytes });

describe('OP_QUERY', () => {
  it('round-trips the legacy isMaster handshake', () => {
    const bytes = encodeOpQuery({
      requestId: 5,
      fullCollectionName: 'admin.$cmd',
      query: { isMaster: 1 },
    });
    expect(readHeader(bytes).opCode).toBe(2004);
    const query = parseOpQuery(frameOf(bytes));
    expect(query.fullCollectionName).toBe('admin.$cmd');
    expect(query.numberToReturn).toBe(-1);
    expect(Object.keys(query.query)).toEqual(['isMaster']);
    expect(query.returnFieldsSelector).toBeUndefined();
  });

  it('rejects an unterminated collection name and trailing bytes', () => {
    const bytes = encodeOpQuery({
      requestId: 1,
      fullCollectionName: 'admin.$cmd',
      query: { a: 1 },
    });
    const noTerminator = Buffer.from(bytes.subarray(0, 30)).fill(0x41, 20);
    noTerminator.writeInt32LE(30, 0);
    expect(() => parseOpQuery(frameOf(noTerminator))).toThrow(WireProtocolError);
    const trailing = Buffer.concat([bytes, Buffer.from([1, 2, 3])]);
    trailing.writeInt32LE(trailing.byteLength, 0);
    expect(() => parseOpQuery(frameOf(trailing))).toThrow(WireProtocolError);
  });
});

describe('OP_REPLY', () => {
  it('carries one document answering the request id', () => {
    const bytes = encodeOpReply(9, 5, { ismaster: true, ok: 1 });
    const header = readHeader(bytes);
    expect(header).toMatchObject({ opCode: 1, requestId: 9, responseTo: 5 });
    const reply = parseOpReply(frameOf(bytes));
    expect(reply.cursorId).toBe(0n);
    expect(reply.documents).toHaveLength(1);
    expect(reply.documents[0]!.ismaster).toBe(true);
  });

  it('rejects a reply whose document is truncated', () => {
    const bytes = encodeOpReply(1, 1, { ok: 1 });
    const truncated = Buffer.from(bytes.subarray(0, bytes.byteLength - 2));
    truncated.writeInt32LE(truncated.byteLength, 0);
    expect(() => parseOpReply(frameOf(truncated))).toThrow(WireProtocolError);
  });
});
