import { closeSync, fdatasync, fdatasyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { encodeFrame } from './frame.ts';
import { encodeOp, FORMAT_VERSION } from './records.ts';

function writeAll(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.byteLength)
    done += writeSync(fd, bytes, done, bytes.byteLength - done, position + done);
}

/**
 * One append-only journal file. Records appended during one synchronous turn of the event loop
 * are written as ONE frame when the turn ends (a microtask), so the records of a transaction
 * commit, applied together, replay together or not at all. The write reaches the kernel before
 * the command's reply is sent (the reply goes out after further awaits), so a killed process
 * loses nothing it acknowledged; what is not yet fdatasync'ed can only be lost with the machine
 * (power loss, kernel crash): see `sync` / `syncSoon`.
 */
export class JournalFile {
  readonly path: string;
  readonly #fd: number;
  #position: number;
  #synced: number;
  #pending: Uint8Array[] = [];
  #scheduled = false;
  #syncing: Promise<void> | undefined;
  #failure: Error | undefined;
  #closed = false;

  private constructor(path: string, fd: number, position: number) {
    this.path = path;
    this.#fd = fd;
    this.#position = position;
    this.#synced = position;
  }

  /** A new journal whose first frame is its header, durable before anything is appended. */
  static create(path: string, gen: number): JournalFile {
    const fd = openSync(path, 'w');
    const file = new JournalFile(path, fd, 0);
    file.append(encodeOp({ k: 'header', file: 'journal', version: FORMAT_VERSION, gen }));
    file.sync();
    return file;
  }

  /** An existing journal, cut back to its last intact frame (dropping a torn tail) to append to. */
  static reopen(path: string, validEnd: number): JournalFile {
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, validEnd);
    fdatasyncSync(fd);
    return new JournalFile(path, fd, validEnd);
  }

  /** Bytes in the file, counting what is still pending for this turn. */
  get size(): number {
    return this.#position + this.#pending.reduce((n, p) => n + p.byteLength, 0);
  }

  /** Written to the file / made durable with fdatasync, in bytes from the start. */
  get stats(): { readonly writtenBytes: number; readonly syncedBytes: number } {
    return { writtenBytes: this.#position, syncedBytes: this.#synced };
  }

  append(record: Uint8Array): void {
    this.#pending.push(record);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Writes the records pending since the last flush as one frame. */
  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0 || this.#failure || this.#closed) return;
    const frame = encodeFrame(this.#pending);
    this.#pending = [];
    try {
      writeAll(this.#fd, frame, this.#position);
      this.#position += frame.byteLength;
    } catch (error) {
      // Nothing more is appended after a failed write: a later frame after a hole would be lost
      // at replay anyway. The server keeps serving from memory and says why.
      this.#failure = new Error(`localdb journal write to ${this.path} failed`, { cause: error });
      process.emitWarning(this.#failure.message);
    }
  }

  /** Flushes and fdatasyncs now (blocking): what a `j: true` write waits for. */
  sync(): void {
    this.flush();
    if (this.#failure) throw this.#failure;
    if (this.#synced >= this.#position) return;
    fdatasyncSync(this.#fd);
    this.#synced = this.#position;
  }

  /** The group commit: flushes and fdatasyncs on the thread pool, one at a time. */
  syncSoon(): Promise<void> {
    this.flush();
    if (this.#failure || this.#synced >= this.#position) return Promise.resolve();
    if (this.#syncing) return this.#syncing;
    const target = this.#position;
    this.#syncing = new Promise<void>((resolve) => {
      fdatasync(this.#fd, (error) => {
        this.#syncing = undefined;
        if (error) process.emitWarning(`localdb journal fdatasync failed: ${error.message}`);
        else this.#synced = Math.max(this.#synced, target);
        resolve();
      });
    });
    return this.#syncing;
  }

  /** Flushes, syncs and closes; later appends are ignored. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#syncing;
    try {
      this.sync();
    } catch (error) {
      process.emitWarning(`localdb journal not synced at close: ${(error as Error).message}`);
    } finally {
      this.#closed = true;
      closeSync(this.#fd);
    }
  }
}
