import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { Document } from 'bson';
import { deserialize } from 'bson';
import { FrameReader } from '#localdb/wire/frame-reader.ts';
import type { Frame } from '#localdb/wire/header.ts';
import { MsgFlag } from '#localdb/wire/opcodes.ts';

/** A bare TCP client speaking raw bytes, for what the driver never sends (bad frames, OP_QUERY...). */
export class RawClient {
  readonly socket: Socket;
  readonly closed: Promise<void>;
  private readonly reader = new FrameReader();
  private readonly frames: Frame[] = [];
  private waiter: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      this.frames.push(...this.reader.push(chunk));
      this.waiter?.();
    });
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    const socket = connect(port, host);
    await once(socket, 'connect');
    return new RawClient(socket);
  }

  send(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** The next reply frame, or undefined if none arrives within `timeoutMs`. */
  async next(timeoutMs = 2_000): Promise<Frame | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.socket.destroyed) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.frames.shift();
  }

  /** True once the server has closed the socket (within `timeoutMs`). */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
    return Promise.race([this.closed.then(() => true), timeout]);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** The body and flags of an OP_MSG reply frame. */
export function readOpMsgReply(frame: Frame): {
  flags: number;
  moreToCome: boolean;
  body: Document;
} {
  const flags = frame.bytes.readUInt32LE(16);
  if (frame.bytes[20] !== 0) throw new Error('expected a kind-0 section first');
  return {
    flags,
    moreToCome: (flags & MsgFlag.moreToCome) !== 0,
    body: deserialize(frame.bytes.subarray(21)),
  };
}
