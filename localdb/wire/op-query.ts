import type { Document } from 'bson';
import { decodeDocument, documentLengthAt, encodeDocument } from './bson-codec.ts';
import { allocateMessage, type Frame, HEADER_SIZE } from './header.ts';
import { OpCode } from './opcodes.ts';
import { WireProtocolError } from './wire-error.ts';

/** A legacy OP_QUERY; localdb only answers it for the `hello`/`isMaster` handshake on `<db>.$cmd`. */
export interface OpQuery {
  readonly flags: number;
  readonly fullCollectionName: string;
  readonly numberToSkip: number;
  readonly numberToReturn: number;
  readonly query: Document;
  readonly returnFieldsSelector?: Document;
}

export function parseOpQuery(frame: Frame): OpQuery {
  const { bytes } = frame;
  let offset = HEADER_SIZE;
  if (bytes.byteLength < offset + 4 + 1 + 8 + 5) throw new WireProtocolError('OP_QUERY: too short');
  const flags = bytes.readInt32LE(offset);
  offset += 4;
  const nameEnd = bytes.indexOf(0, offset);
  if (nameEnd < 0) throw new WireProtocolError('OP_QUERY: unterminated fullCollectionName');
  const fullCollectionName = bytes.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1;
  if (offset + 8 > bytes.byteLength)
    throw new WireProtocolError('OP_QUERY: truncated after the name');
  const numberToSkip = bytes.readInt32LE(offset);
  const numberToReturn = bytes.readInt32LE(offset + 4);
  offset += 8;
  const queryLength = documentLengthAt(bytes, offset, 'OP_QUERY query');
  const query = decodeDocument(bytes.subarray(offset, offset + queryLength), 'OP_QUERY query');
  offset += queryLength;
  let returnFieldsSelector: Document | undefined;
  if (offset < bytes.byteLength) {
    const length = documentLengthAt(bytes, offset, 'OP_QUERY returnFieldsSelector');
    returnFieldsSelector = decodeDocument(
      bytes.subarray(offset, offset + length),
      'OP_QUERY selector',
    );
    offset += length;
  }
  if (offset !== bytes.byteLength) throw new WireProtocolError('OP_QUERY: trailing bytes');
  return {
    flags,
    fullCollectionName,
    numberToSkip,
    numberToReturn,
    query,
    ...(returnFieldsSelector ? { returnFieldsSelector } : {}),
  };
}

export interface OpQueryToEncode {
  readonly requestId: number;
  readonly fullCollectionName: string;
  readonly query: Document;
  readonly numberToReturn?: number;
}

/** Encodes an OP_QUERY (used by tests and tools acting as an old client). */
export function encodeOpQuery(message: OpQueryToEncode): Buffer {
  const name = Buffer.from(`${message.fullCollectionName}\0`, 'utf8');
  const query = encodeDocument(message.query);
  const length = HEADER_SIZE + 4 + name.byteLength + 8 + query.byteLength;
  const bytes = allocateMessage(length, message.requestId, 0, OpCode.OP_QUERY);
  let offset = bytes.writeInt32LE(0, HEADER_SIZE);
  offset += name.copy(bytes, offset);
  offset = bytes.writeInt32LE(0, offset);
  offset = bytes.writeInt32LE(message.numberToReturn ?? -1, offset);
  Buffer.from(query).copy(bytes, offset);
  return bytes;
}
