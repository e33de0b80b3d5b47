import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import type { Frame } from '#localdb/wire/header.ts';
import { readHeader } from '#localdb/wire/header.ts';
import { encodeOpMsg, parseOpMsg } from '#localdb/wire/op-msg.ts';
import { MsgFlag } from '#localdb/wire/opcodes.ts';
import { WireProtocolError } from '#localdb/wire/wire-error.ts';

const frameOf = (bytes: Buffer): Frame => ({ header: readHeader(bytes), bytes });
const parse = (bytes: Buffer) => parseOpMsg(frameOf(bytes));

describe('OP_MSG', () => {
  it('round-trips a body with header fields', () => {
    const bytes = encodeOpMsg({ requestId: 42, responseTo: 7, body: { ping: 1, $db: 'admin' } });
    const header = readHeader(bytes);
    expect(header).toEqual({
      messageLength: bytes.byteLength,
      requestId: 42,
      responseTo: 7,
      opCode: 2013,
    });
    const message = parse(bytes);
    expect(message.flags).toBe(0);
    expect(Object.keys(message.body)).toEqual(['ping', '$db']);
    expect(message.bodyBytes).toBe(bytes.byteLength - 21);
  });

  it('merges document sequences into the body as arrays', () => {
    const bytes = encodeOpMsg({
      requestId: 1,
      responseTo: 0,
      body: { insert: 'c', $db: 'd' },
      sequences: [
        { identifier: 'documents', documents: [{ _id: 1 }, { _id: 2 }] },
        { identifier: 'extra', documents: [] },
      ],
    });
    const { body } = parse(bytes);
    expect(body.insert).toBe('c');
    expect(body.documents.map((d: { _id: Int32 }) => Number(d._id))).toEqual([1, 2]);
    expect(body.extra).toEqual([]);
  });

  it('keeps int32, int64, double and decimal128 distinct', () => {
    const id = new ObjectId();
    const bytes = encodeOpMsg({
      requestId: 1,
      responseTo: 0,
      body: {
        i: new Int32(1),
        l: Long.fromNumber(1),
        d: new Double(1),
        n: Decimal128.fromString('1'),
        id,
        r: /a/i,
      },
    });
    const { body } = parse(bytes);
    expect(body.i).toBeInstanceOf(Int32);
    expect(body.l).toBeInstanceOf(Long);
    expect(body.d).toBeInstanceOf(Double);
    expect(body.n).toBeInstanceOf(Decimal128);
    expect(body.id.equals(id)).toBe(true);
    expect(body.r._bsontype).toBe('BSONRegExp');
  });

  it('verifies a present checksum and rejects a corrupted message', () => {
    const bytes = encodeOpMsg({ requestId: 1, responseTo: 0, body: { ping: 1 }, checksum: true });
    expect(bytes.readUInt32LE(16) & MsgFlag.checksumPresent).toBe(1);
    expect(parse(bytes).body.ping).toEqual(new Int32(1));
    const corrupted = Buffer.from(bytes);
    corrupted[corrupted.byteLength - 6]! ^= 0xff;
    expect(() => parse(corrupted)).toThrow(/checksum mismatch/);
  });

  it('reports moreToCome and exhaustAllowed flags', () => {
    const flags = MsgFlag.moreToCome | MsgFlag.exhaustAllowed;
    const bytes = encodeOpMsg({ requestId: 1, responseTo: 0, body: { ping: 1 }, flags });
    expect(parse(bytes).flags).toBe(flags);
  });

  it('rejects unknown required flag bits but ignores unknown optional ones', () => {
    const required = encodeOpMsg({ requestId: 1, responseTo: 0, body: { a: 1 }, flags: 1 << 4 });
    expect(() => parse(required)).toThrow(/unrecognized required flag/);
    const optional = encodeOpMsg({ requestId: 1, responseTo: 0, body: { a: 1 }, flags: 1 << 20 });
    expect(parse(optional).body.a).toEqual(new Int32(1));
  });

  it.each([
    ['a truncated body', (b: Buffer) => withLength(b.subarray(0, b.byteLength - 3))],
    ['garbage BSON', (b: Buffer) => fill(b, 26, 0xee)],
    ['an unknown section kind', (b: Buffer) => fill(b, 20, 9, 1)],
    ['no body section', (b: Buffer) => withLength(b.subarray(0, 20))],
  ])('rejects %s', (_name, mutate) => {
    const bytes = encodeOpMsg({ requestId: 1, responseTo: 0, body: { ping: 1, $db: 'admin' } });
    expect(() => parse(mutate(Buffer.from(bytes)))).toThrow(WireProtocolError);
  });

  it('rejects two body sections and a sequence duplicating a body field', () => {
    const one = encodeOpMsg({ requestId: 1, responseTo: 0, body: { a: 1 } });
    const twoBodies = withLength(Buffer.concat([one, one.subarray(20)]));
    expect(() => parse(twoBodies)).toThrow(/more than one body/);
    const duplicate = encodeOpMsg({
      requestId: 1,
      responseTo: 0,
      body: { documents: 1 },
      sequences: [{ identifier: 'documents', documents: [{}] }],
    });
    expect(() => parse(duplicate)).toThrow(/duplicates a body field/);
  });

  it('rejects a sequence whose size runs past the message', () => {
    const bytes = encodeOpMsg({
      requestId: 1,
      responseTo: 0,
      body: { insert: 'c' },
      sequences: [{ identifier: 'documents', documents: [{ a: 1 }] }],
    });
    const sequenceStart = 21 + bytes.readInt32LE(21);
    bytes.writeInt32LE(10_000, sequenceStart + 1);
    expect(() => parse(bytes)).toThrow(/runs past the end/);
  });
});

function withLength(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeInt32LE(copy.byteLength, 0);
  return copy;
}

function fill(
  bytes: Buffer,
  from: number,
  value: number,
  count = bytes.byteLength - from - 1,
): Buffer {
  bytes.fill(value, from, from + count);
  return bytes;
}
