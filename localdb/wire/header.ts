import { HEADER_SIZE } from './limits.ts';

/** The standard message header every wire protocol message starts with. */
export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

/** One complete message as cut from the byte stream: its header and all of its bytes (header included). */
export interface Frame {
  readonly header: MessageHeader;
  readonly bytes: Buffer;
}

export function readHeader(bytes: Buffer): MessageHeader {
  return {
    messageLength: bytes.readInt32LE(0),
    requestId: bytes.readInt32LE(4),
    responseTo: bytes.readInt32LE(8),
    opCode: bytes.readInt32LE(12),
  };
}

/** A buffer of `messageLength` bytes with the header filled in; the caller writes the rest from byte 16. */
export function allocateMessage(
  messageLength: number,
  requestId: number,
  responseTo: number,
  opCode: number,
): Buffer {
  const bytes = Buffer.alloc(messageLength);
  bytes.writeInt32LE(messageLength, 0);
  bytes.writeInt32LE(requestId, 4);
  bytes.writeInt32LE(responseTo, 8);
  bytes.writeInt32LE(opCode, 12);
  return bytes;
}

export { HEADER_SIZE };
