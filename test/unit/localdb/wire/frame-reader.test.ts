import { describe, expect, it } from 'vitest';
import { FrameReader } from '#localdb/wire/frame-reader.ts';
import { encodeOpMsg } from '#localdb/wire/op-msg.ts';
import { WireProtocolError } from '#localdb/wire/wire-error.ts';

const ping = (requestId: number) =>
  encodeOpMsg({ requestId, responseTo: 0, body: { ping: 1, $db: 'admin' } });

describe('FrameReader', () => {
  it('cuts several messages arriving in one chunk', () => {
    const reader = new FrameReader();
    const frames = reader.push(Buffer.concat([ping(1), ping(2), ping(3)]));
    expect(frames.map((f) => f.header.requestId)).toEqual([1, 2, 3]);
    expect(frames[0]!.header.opCode).toBe(2013);
    expect(reader.pendingBytes).toBe(0);
  });

  it('reassembles a message delivered one byte at a time', () => {
    const reader = new FrameReader();
    const message = ping(7);
    const frames = [...message].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.bytes.equals(message)).toBe(true);
    expect(frames[0]!.header.messageLength).toBe(message.byteLength);
  });

  it('keeps a partial trailing message for the next chunk', () => {
    const reader = new FrameReader();
    const second = ping(2);
    expect(reader.push(Buffer.concat([ping(1), second.subarray(0, 10)]))).toHaveLength(1);
    expect(reader.pendingBytes).toBe(10);
    expect(reader.push(second.subarray(10))[0]!.header.requestId).toBe(2);
  });

  it('rejects a length shorter than the header', () => {
    const bytes = Buffer.alloc(16);
    bytes.writeInt32LE(15, 0);
    expect(() => new FrameReader().push(bytes)).toThrow(WireProtocolError);
    expect(() => new FrameReader().push(bytes)).toThrow(/shorter than the 16-byte header/);
  });

  it('rejects a negative length', () => {
    const bytes = Buffer.alloc(4);
    bytes.writeInt32LE(-1, 0);
    expect(() => new FrameReader().push(bytes)).toThrow(WireProtocolError);
  });

  it('rejects a length over maxMessageSizeBytes as soon as the prefix arrives', () => {
    const bytes = Buffer.alloc(4);
    bytes.writeInt32LE(48_000_001, 0);
    expect(() => new FrameReader().push(bytes)).toThrow(/exceeds maxMessageSizeBytes 48000000/);
    bytes.writeInt32LE(48_000_000, 0);
    expect(new FrameReader().push(bytes)).toEqual([]);
  });
});
