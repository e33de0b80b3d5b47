import { type Frame, HEADER_SIZE, readHeader } from './header.ts';
import { WireLimits } from './limits.ts';
import { WireProtocolError } from './wire-error.ts';

/**
 * Cuts a TCP byte stream into whole messages. Lengths are checked as soon as the 4-byte prefix arrives,
 * so an oversize or nonsensical length fails fast instead of buffering up to it.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly maxMessageSize: number;

  constructor(maxMessageSize: number = WireLimits.maxMessageSizeBytes) {
    this.maxMessageSize = maxMessageSize;
  }

  /** Adds received bytes and returns every message now complete, in order. */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.byteLength;
    const frames: Frame[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const length = this.peekLength();
      if (length < HEADER_SIZE) {
        throw new WireProtocolError(`message length ${length} is shorter than the 16-byte header`);
      }
      if (length > this.maxMessageSize) {
        throw new WireProtocolError(
          `message length ${length} exceeds maxMessageSizeBytes ${this.maxMessageSize}`,
        );
      }
      if (this.buffered < length) break;
      const bytes = this.take(length);
      frames.push({ header: readHeader(bytes), bytes });
    }
    return frames;
  }

  /** Bytes received but not yet part of a complete message. */
  get pendingBytes(): number {
    return this.buffered;
  }

  private peekLength(): number {
    const first = this.chunks[0]!;
    if (first.byteLength >= 4) return first.readInt32LE(0);
    this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.readInt32LE(0);
  }

  private take(length: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const bytes = joined.subarray(0, length);
    const rest = joined.subarray(length);
    this.chunks = rest.byteLength > 0 ? [rest] : [];
    this.buffered = rest.byteLength;
    return bytes;
  }
}
