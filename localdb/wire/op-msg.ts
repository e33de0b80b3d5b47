import type { Document } from 'bson';
import { decodeDocument, documentLengthAt, encodeDocument } from './bson-codec.ts';
import { crc32c } from './crc32c.ts';
import { allocateMessage, type Frame, HEADER_SIZE } from './header.ts';
import { KNOWN_REQUIRED_MSG_FLAGS, MsgFlag, OpCode } from './opcodes.ts';
import { WireProtocolError } from './wire-error.ts';

/** A kind-1 section: documents sent beside the body under one field name (e.g. `documents` of insert). */
export interface DocumentSequence {
  readonly identifier: string;
  readonly documents: readonly Document[];
}

export interface OpMsg {
  readonly flags: number;
  /** The kind-0 body with every document sequence merged in as an array field. */
  readonly body: Document;
  /** Size of the body document in bytes, and of the largest sequence document (limit checks). */
  readonly bodyBytes: number;
  readonly largestSequenceDocumentBytes: number;
}

const SectionKind = Object.freeze({ body: 0, documentSequence: 1 } as const);

/** Parses an OP_MSG frame; throws WireProtocolError on any defect. */
export function parseOpMsg(frame: Frame): OpMsg {
  const { bytes } = frame;
  if (bytes.byteLength < HEADER_SIZE + 4 + 1) throw new WireProtocolError('OP_MSG: too short');
  const flags = bytes.readUInt32LE(HEADER_SIZE);
  const unknownRequired = flags & 0xffff & ~KNOWN_REQUIRED_MSG_FLAGS;
  if (unknownRequired !== 0) {
    throw new WireProtocolError(
      `OP_MSG: unrecognized required flag bits 0x${unknownRequired.toString(16)}`,
    );
  }
  let end = bytes.byteLength;
  if (flags & MsgFlag.checksumPresent) {
    end -= 4;
    if (end < HEADER_SIZE + 5) throw new WireProtocolError('OP_MSG: too short for its checksum');
    const expected = bytes.readUInt32LE(end);
    const actual = crc32c(bytes.subarray(0, end));
    if (expected !== actual) throw new WireProtocolError('OP_MSG: checksum mismatch');
  }
  let body: Document | undefined;
  let bodyBytes = 0;
  const sequences: ReturnType<typeof parseSequence>[] = [];
  let offset = HEADER_SIZE + 4;
  while (offset < end) {
    const kind = bytes[offset]!;
    offset += 1;
    const sectionBytes = bytes.subarray(0, end);
    if (kind === SectionKind.body) {
      if (body) throw new WireProtocolError('OP_MSG: more than one body section');
      const length = documentLengthAt(sectionBytes, offset, 'OP_MSG body');
      body = decodeDocument(bytes.subarray(offset, offset + length), 'OP_MSG body');
      bodyBytes = length;
      offset += length;
    } else if (kind === SectionKind.documentSequence) {
      const length = documentLengthAt(sectionBytes, offset, 'OP_MSG document sequence');
      sequences.push(parseSequence(bytes.subarray(offset, offset + length)));
      offset += length;
    } else {
      throw new WireProtocolError(`OP_MSG: unknown section kind ${kind}`);
    }
  }
  if (!body) throw new WireProtocolError('OP_MSG: no body section');
  let largestSequenceDocumentBytes = 0;
  for (const { identifier, documents, largestDocumentBytes } of sequences) {
    largestSequenceDocumentBytes = Math.max(largestSequenceDocumentBytes, largestDocumentBytes);
    if (identifier in body) {
      throw new WireProtocolError(
        `OP_MSG: document sequence '${identifier}' duplicates a body field`,
      );
    }
    body[identifier] = documents;
  }
  return { flags, body, bodyBytes, largestSequenceDocumentBytes };
}

function parseSequence(section: Buffer): DocumentSequence & { largestDocumentBytes: number } {
  const nameEnd = section.indexOf(0, 4);
  if (nameEnd < 0) throw new WireProtocolError('OP_MSG document sequence: unterminated identifier');
  const identifier = section.toString('utf8', 4, nameEnd);
  if (identifier.length === 0)
    throw new WireProtocolError('OP_MSG document sequence: empty identifier');
  const documents: Document[] = [];
  let largestDocumentBytes = 0;
  let offset = nameEnd + 1;
  while (offset < section.byteLength) {
    const length = documentLengthAt(section, offset, `OP_MSG document sequence '${identifier}'`);
    documents.push(
      decodeDocument(section.subarray(offset, offset + length), `'${identifier}' document`),
    );
    largestDocumentBytes = Math.max(largestDocumentBytes, length);
    offset += length;
  }
  return { identifier, documents, largestDocumentBytes };
}

export interface OpMsgToEncode {
  readonly requestId: number;
  readonly responseTo: number;
  readonly flags?: number;
  readonly body: Document;
  readonly sequences?: readonly DocumentSequence[];
  /** Appends a CRC-32C and sets checksumPresent. */
  readonly checksum?: boolean;
}

export function encodeOpMsg(message: OpMsgToEncode): Buffer {
  const body = encodeDocument(message.body);
  const sequences = (message.sequences ?? []).map(({ identifier, documents }) => {
    const name = Buffer.from(`${identifier}\0`, 'utf8');
    const docs = documents.map(encodeDocument);
    const size = 4 + name.byteLength + docs.reduce((sum, doc) => sum + doc.byteLength, 0);
    const header = Buffer.alloc(5);
    header.writeUInt8(SectionKind.documentSequence, 0);
    header.writeInt32LE(size, 1);
    return Buffer.concat([header, name, ...docs]);
  });
  const flags = ((message.flags ?? 0) | (message.checksum ? MsgFlag.checksumPresent : 0)) >>> 0;
  const payload = 4 + 1 + body.byteLength + sequences.reduce((sum, s) => sum + s.byteLength, 0);
  const length = HEADER_SIZE + payload + (message.checksum ? 4 : 0);
  const bytes = allocateMessage(length, message.requestId, message.responseTo, OpCode.OP_MSG);
  let offset = bytes.writeUInt32LE(flags, HEADER_SIZE);
  offset = bytes.writeUInt8(SectionKind.body, offset);
  offset += Buffer.from(body).copy(bytes, offset);
  for (const section of sequences) offset += section.copy(bytes, offset);
  if (message.checksum) bytes.writeUInt32LE(crc32c(bytes.subarray(0, offset)), offset);
  return bytes;
}
