import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '#localdb/storage/engine.ts';

/** A fresh dbPath; `remove` deletes it. */
export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `localdb-journal-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Lets the microtask that writes this turn's frame run, so the next write gets a frame of its own. */
export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Opens an engine on `dbPath`, inserts `{ _id: i }` for each i (one frame each), closes it. */
export async function writeDocs(dbPath: string, ids: number[]): Promise<void> {
  const engine = await Engine.open({ dbPath });
  try {
    const { collection } = engine.ensureCollection('db', 'c');
    for (const _id of ids) {
      engine.applyWrite(collection, { kind: 'insert', doc: { _id, v: `value ${_id}` } });
      await nextTurn();
    }
  } finally {
    await engine.close();
  }
}

/** The ids stored in db.c after opening `dbPath`, and the journal's stats at open. */
export async function readDocs(dbPath: string): Promise<{ ids: number[]; tornBytes: number }> {
  const engine = await Engine.open({ dbPath });
  try {
    const docs = [...(engine.collection('db', 'c')?.docs.values() ?? [])];
    return {
      ids: docs.map((stored) => Number(stored.doc._id)),
      tornBytes: engine.journal?.stats.tornBytesAtOpen ?? -1,
    };
  } finally {
    await engine.close();
  }
}
