import { readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Document } from 'bson';
import type { Collection } from '../collection.ts';
import { fsyncDir } from './files.ts';
import { encodeFrame, readFrames } from './frame.ts';
import { decodeOps, encodeOp, FORMAT_VERSION, type JournalOp } from './records.ts';
import type { ReplayModel } from './replay-model.ts';

/** A collection frozen for the snapshot: documents are immutable, so references are enough. */
export interface CapturedCollection {
  readonly db: string;
  readonly name: string;
  readonly options: Document;
  readonly indexes: Document[];
  readonly docs: Document[];
}

/** Synchronous and cheap (no copying of documents): the state at this instant. */
export function captureCollections(collections: Iterable<Collection>): CapturedCollection[] {
  return [...collections].map((collection) => ({
    db: collection.db,
    name: collection.name,
    options: collection.options,
    indexes: [...collection.indexes.values()].map((index) => ({ ...index.spec })),
    docs: [...collection.docs.values()].map((stored) => stored.doc),
  }));
}

const FRAME_TARGET_BYTES = 1 << 20;

/** Yields the snapshot's frames: header, each collection's catalog and documents, then `end`. */
function* snapshotFrames(gen: number, captured: CapturedCollection[]): Generator<Buffer> {
  const frame = (ops: JournalOp[]) => encodeFrame(ops.map(encodeOp));
  yield frame([{ k: 'header', file: 'snapshot', version: FORMAT_VERSION, gen }]);
  let docs = 0;
  for (const c of captured) {
    yield frame([
      { k: 'create', db: c.db, c: c.name, options: c.options },
      { k: 'catalog', db: c.db, c: c.name, options: c.options, indexes: c.indexes },
    ]);
    let batch: Uint8Array[] = [];
    let bytes = 0;
    for (const d of c.docs) {
      const record = encodeOp({ k: 'put', db: c.db, c: c.name, d });
      batch.push(record);
      bytes += record.byteLength;
      docs++;
      if (bytes >= FRAME_TARGET_BYTES) {
        yield encodeFrame(batch);
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length) yield encodeFrame(batch);
  }
  yield frame([{ k: 'end', docs }]);
}

/**
 * Writes the snapshot to `<path>.tmp`, fdatasyncs it, renames it into place and fsyncs the
 * folder: a crash at any point leaves either no snapshot of this generation or a complete one.
 * Returns its size in bytes.
 */
export async function writeSnapshot(
  path: string,
  gen: number,
  captured: CapturedCollection[],
): Promise<number> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w');
  let size = 0;
  try {
    for (const frame of snapshotFrames(gen, captured)) {
      await file.write(frame);
      size += frame.byteLength;
    }
    await file.datasync();
  } catch (error) {
    await file.close();
    await rm(temporary, { force: true });
    throw new Error(`could not write localdb snapshot ${path}`, { cause: error });
  }
  await file.close();
  await rename(temporary, path);
  fsyncDir(dirname(path));
  return size;
}

/** Replays a snapshot into `model`; a snapshot without its `end` record is refused. */
export function readSnapshot(path: string, model: ReplayModel): number {
  const bytes = readFileSync(path);
  const { payloads, validEnd } = readFrames(bytes);
  const ops = payloads.flatMap(decodeOps);
  const header = ops[0];
  const end = ops.at(-1);
  if (
    validEnd !== bytes.byteLength ||
    header?.k !== 'header' ||
    header.file !== 'snapshot' ||
    end?.k !== 'end'
  ) {
    throw new Error(`localdb snapshot ${path} is damaged (intact up to byte ${validEnd})`);
  }
  if (Number(header.version) !== FORMAT_VERSION)
    throw new Error(`localdb snapshot ${path} has format ${header.version}, not ${FORMAT_VERSION}`);
  for (const op of ops.slice(1, -1)) model.apply(op);
  return bytes.byteLength;
}
