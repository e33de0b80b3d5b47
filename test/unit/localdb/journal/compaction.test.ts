import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '#localdb/storage/engine.ts';
import { JournalFile } from '#localdb/storage/journal/journal-file.ts';
import { encodeOp } from '#localdb/storage/journal/records.ts';
import { nextTurn, readDocs, tempDir, writeDocs } from './engine-fixture.ts';

const files = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.bin'))
    .sort();

describe('journal compaction into a snapshot', () => {
  const dirs: Awaited<ReturnType<typeof tempDir>>[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await dir.remove();
    delete process.env.LOCALDB_JOURNAL_COMPACT_BYTES;
    delete process.env.LOCALDB_JOURNAL_SYNC_MS;
  });
  async function dbPath(): Promise<string> {
    const dir = await tempDir('compact');
    dirs.push(dir);
    return dir.path;
  }

  it('replaces generation 1 by snapshot 2 + journal 2, keeping data, options and indexes', async () => {
    const path = await dbPath();
    const engine = await Engine.open({ dbPath: path });
    const c = engine.createCollection('db', 'c', { validationLevel: 'moderate' });
    c.createIndex({ key: { v: 1 }, name: 'v_1', unique: true });
    for (const _id of [1, 2, 3]) engine.applyWrite(c, { kind: 'insert', doc: { _id, v: _id } });
    await engine.journal?.compact();
    expect(files(path)).toEqual(['journal-00000002.bin', 'snapshot-00000002.bin']);
    engine.applyWrite(c, { kind: 'insert', doc: { _id: 4, v: 4 } });
    engine.applyWrite(c, { kind: 'delete', id: 'n1' });
    await engine.close();

    const reopened = await Engine.open({ dbPath: path });
    const restored = reopened.collection('db', 'c');
    expect([...(restored?.docs.values() ?? [])].map((s) => Number(s.doc._id))).toEqual([2, 3, 4]);
    expect(restored?.options).toEqual({ validationLevel: 'moderate' });
    expect(restored?.indexSpecs().map((s) => s.name)).toEqual(['_id_', 'v_1']);
    expect(reopened.journal?.stats.gen).toBe(2);
    await reopened.close();
  });

  it('compacts on its own once the journal passes LOCALDB_JOURNAL_COMPACT_BYTES', async () => {
    process.env.LOCALDB_JOURNAL_COMPACT_BYTES = '2000';
    process.env.LOCALDB_JOURNAL_SYNC_MS = '10';
    const path = await dbPath();
    await writeDocs(
      path,
      Array.from({ length: 60 }, (_, i) => i),
    );
    const engine = await Engine.open({ dbPath: path });
    const deadline = Date.now() + 5_000;
    while (!existsSync(join(path, 'snapshot-00000002.bin')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.journal?.stats.gen).toBeGreaterThanOrEqual(2);
    await engine.close();
    expect((await readDocs(path)).ids).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('recovers from a compaction cut short before its snapshot was renamed into place', async () => {
    const path = await dbPath();
    await writeDocs(path, [1, 2]);
    // What a kill leaves after rotating to journal 2 but before snapshot 2 was complete.
    const next = JournalFile.create(join(path, 'journal-00000002.bin'), 2);
    next.append(encodeOp({ k: 'put', db: 'db', c: 'c', d: { _id: 3, v: 'after rotation' } }));
    await next.close();
    writeFileSync(join(path, 'snapshot-00000002.bin.tmp'), 'half a snapshot');
    expect((await readDocs(path)).ids).toEqual([1, 2, 3]);
    expect(readdirSync(path)).not.toContain('snapshot-00000002.bin.tmp');
  });

  it('deletes the previous generation left behind by a cut-short clean-up', async () => {
    const path = await dbPath();
    const engine = await Engine.open({ dbPath: path });
    const { collection } = engine.ensureCollection('db', 'c');
    engine.applyWrite(collection, { kind: 'insert', doc: { _id: 1 } });
    await nextTurn();
    await engine.close();
    const old = join(path, 'journal-00000001.bin');
    const compacting = await Engine.open({ dbPath: path });
    await compacting.journal?.compact();
    await compacting.close();
    // Put a generation-1 journal back, holding a document the snapshot does not have.
    const stale = JournalFile.create(old, 1);
    stale.append(encodeOp({ k: 'put', db: 'db', c: 'c', d: { _id: 99 } }));
    await stale.close();
    expect((await readDocs(path)).ids).toEqual([1]);
    expect(files(path)).toEqual(['journal-00000002.bin', 'snapshot-00000002.bin']);
  });

  it('refuses to open when a journal other than the newest is damaged', async () => {
    const path = await dbPath();
    await writeDocs(path, [1]);
    const next = JournalFile.create(join(path, 'journal-00000002.bin'), 2);
    await next.close();
    writeFileSync(join(path, 'journal-00000001.bin'), Buffer.from('garbage'), { flag: 'a' });
    await expect(Engine.open({ dbPath: path })).rejects.toThrow(/could not open/);
    await expect(Engine.open({ dbPath: path })).rejects.toHaveProperty(
      'cause.message',
      expect.stringMatching(/damaged before its end/),
    );
  });
});
