import type { Document } from 'bson';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '#localdb/commands/types.ts';
import { Engine } from '#localdb/storage/engine.ts';
import { journalCommandHook, wantsJournal } from '#localdb/storage/journal/index.ts';
import { nextTurn, tempDir } from './engine-fixture.ts';

describe('when journaled writes reach the disk', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    delete process.env.LOCALDB_JOURNAL_SYNC_MS;
  });

  async function open(): Promise<Engine> {
    const dir = await tempDir('sync');
    const engine = await Engine.open({ dbPath: dir.path });
    cleanups.push(async () => {
      await engine.close();
      await dir.remove();
    });
    return engine;
  }

  function insert(engine: Engine, _id: number): void {
    const { collection } = engine.ensureCollection('db', 'c');
    engine.applyWrite(collection, { kind: 'insert', doc: { _id } });
  }

  it('without j: in the file at the end of the turn, fdatasynced within the sync interval', async () => {
    process.env.LOCALDB_JOURNAL_SYNC_MS = '50';
    const engine = await open();
    const journal = engine.journal!;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const before = journal.stats;
    insert(engine, 1);
    expect(journal.stats.writtenBytes).toBe(before.writtenBytes);
    await nextTurn();
    const written = journal.stats.writtenBytes;
    expect(written).toBeGreaterThan(before.writtenBytes);
    expect(journal.stats.syncedBytes).toBeLessThan(written);
    const start = Date.now();
    while (journal.stats.syncedBytes < written && Date.now() - start < 1_000)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(journal.stats.syncedBytes).toBe(written);
    // One interval plus the fdatasync itself; generous for a loaded machine.
    expect(Date.now() - start).toBeLessThan(500);
  });

  it('with j: true: written and fdatasynced before the reply leaves the dispatcher', async () => {
    process.env.LOCALDB_JOURNAL_SYNC_MS = '60000';
    const engine = await open();
    const journal = engine.journal!;
    const hook = journalCommandHook(journal);
    const command: Document = { insert: 'c', documents: [{ _id: 2 }], writeConcern: { j: true } };
    // The hook reads only the database and the engine of the context.
    const context = { db: 'db', engine, connectionId: 1 } as unknown as CommandContext;
    const amend = await hook('insert', command, context);
    const before = journal.stats.writtenBytes;
    insert(engine, 2);
    // Same turn, no await: only the amender (run as the reply is built) can have written it.
    const reply = amend?.({ ok: 1, n: 1 });
    expect(reply).toEqual({ ok: 1, n: 1 });
    expect(journal.stats.writtenBytes).toBeGreaterThan(before);
    expect(journal.stats.syncedBytes).toBe(journal.stats.writtenBytes);
  });

  it('asks for the journal on j, fsync, and w: majority without j: false', () => {
    expect(wantsJournal({ j: true })).toBe(true);
    expect(wantsJournal({ w: 1, j: 1 })).toBe(true);
    expect(wantsJournal({ fsync: true })).toBe(true);
    expect(wantsJournal({ w: 'majority' })).toBe(true);
    expect(wantsJournal({ w: 'majority', j: false })).toBe(false);
    expect(wantsJournal({ w: 1 })).toBe(false);
    expect(wantsJournal(undefined)).toBe(false);
  });
});
