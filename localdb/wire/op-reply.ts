import type { Document } from 'bson';
import { decodeDocument, documentLengthAt, encodeDocument } from './bson-codec.ts';
import { allocateMessage, type Frame, HEADER_SIZE } from './header.ts';
import { OpCode } from './opcodes.ts';
import { WireProtocolError } from './wire-error.ts';

/** OP_REPLY responseFlags bit 3: the server supports the `AwaitData` query option. */
const AWAIT_CAPABLE = 1 << 3;

/** OP_REPLY, the answer to an OP_QUERY: here always one document (the command reply). */
export interface OpReply {
  readonly responseFlags: number;
  readonly cursorId: bigint;
  readonly startingFrom: number;
  readonly documents: readonly Document[];
}

export function encodeOpReply(requestId: number, responseTo: number, document: Document): Buffer {
  const doc = encodeDocument(document);
  const bytes = allocateMessage(
    HEADER_SIZE + 20 + doc.byteLength,
    requestId,
    responseTo,
    OpCode.OP_REPLY,
  );
  let offset = bytes.writeInt32LE(AWAIT_CAPABLE, HEADER_SIZE);
  offset = bytes.writeBigInt64LE(0n, offset);
  offset = bytes.writeInt32LE(0, offset);
  offset = bytes.writeInt32LE(1, offset);
  Buffer.from(doc).copy(bytes, offset);
  return bytes;
}

/** Parses an OP_REPLY (used by tests acting as a legacy client). */
export function parseOpReply(frame: Frame): OpReply {
  const { bytes } = frame;
  if (bytes.byteLength < HEADER_SIZE + 20) throw new WireProtocolError('OP_REPLY: too short');
  const responseFlags = bytes.readInt32LE(HEADER_SIZE);
  const cursorId = bytes.readBigInt64LE(HEADER_SIZE + 4);
  const startingFrom = bytes.readInt32LE(HEADER_SIZE + 12);
  const numberReturned = bytes.readInt32LE(HEADER_SIZE + 16);
  const documents: Document[] = [];
  let offset = HEADER_SIZE + 20;
  for (let i = 0; i < numberReturned; i++) {
    const length = documentLengthAt(bytes, offset, 'OP_REPLY document');
    // Replies are read as a driver would, with plain JS numbers.
    documents.push(
      decodeDocument(bytes.subarray(offset, offset + length), 'OP_REPLY document', {}),
    );
    offset += length;
  }
  if (offset !== bytes.byteLength) throw new WireProtocolError('OP_REPLY: trailing bytes');
  return { responseFlags, cursorId, startingFrom, documents };
}
