import { crc32 } from 'node:zlib';

/**
 * The on-disk unit of the journal and the snapshot: `[payload length u32 LE][CRC-32 of the length
 * bytes and the payload u32 LE][payload]`; never empty (so zeros a file system leaves are no frame). A frame is written with one positional write, so after a crash the last one
 * may be torn (short, or with stale bytes); its length or checksum then fails and it is dropped.
 */
export const FRAME_HEADER_BYTES = 8;

/** Frames larger than this are treated as damage, not data (a torn length field can say anything). */
export const MAX_FRAME_BYTES = 1024 * 1024 * 1024;

export function encodeFrame(payloads: readonly Uint8Array[]): Buffer {
  if (payloads.length === 0) throw new Error('a journal frame holds at least one record');
  const length = payloads.reduce((n, p) => n + p.byteLength, 0);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  let offset = FRAME_HEADER_BYTES;
  for (const payload of payloads) {
    frame.set(payload, offset);
    offset += payload.byteLength;
  }
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(checksum(frame, 0, length), 4);
  return frame;
}

function checksum(bytes: Buffer, offset: number, length: number): number {
  const start = offset + FRAME_HEADER_BYTES;
  return crc32(bytes.subarray(start, start + length), crc32(bytes.subarray(offset, offset + 4)));
}

export interface ReadFrames {
  /** The payloads of the intact frames, in file order. */
  readonly payloads: Buffer[];
  /** Where the intact prefix ends: anything after it is a torn or damaged tail. */
  readonly validEnd: number;
}

/** Reads frames from the start of `bytes` until the end or the first frame that does not check out. */
export function readFrames(bytes: Buffer, start = 0): ReadFrames {
  const payloads: Buffer[] = [];
  let offset = start;
  while (offset + FRAME_HEADER_BYTES <= bytes.byteLength) {
    const length = bytes.readUInt32LE(offset);
    const end = offset + FRAME_HEADER_BYTES + length;
    if (length === 0 || length > MAX_FRAME_BYTES || end > bytes.byteLength) break;
    if (checksum(bytes, offset, length) !== bytes.readUInt32LE(offset + 4)) break;
    payloads.push(bytes.subarray(offset + FRAME_HEADER_BYTES, end));
    offset = end;
  }
  return { payloads, validEnd: offset };
}
