import { Long } from 'bson';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '#localdb/errors.ts';
import { CursorStore } from '#localdb/storage/cursor-store.ts';
import { Engine } from '#localdb/storage/engine.ts';
import { resolveEngineOptions } from '#localdb/storage/engine-options.ts';
import { parseIndexSpec } from '#localdb/storage/index-spec.ts';

describe('Engine', () => {
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.close();
  });

  it("expires a time series collection's documents by its time field", () => {
    const engine = new Engine();
    engines.push(engine);
    const collection = engine.createCollection('db', 'readings', {
      timeseries: { timeField: 'at', granularity: 'seconds', bucketMaxSpanSeconds: 3600 },
      expireAfterSeconds: 60,
    });
    const now = Date.now();
    collection.apply({ kind: 'insert', doc: { _id: 'old', at: new Date(now - 61_000) } });
    collection.apply({ kind: 'insert', doc: { _id: 'fresh', at: new Date(now) } });
    expect(engine.expireTtl(now)).toBe(1);
    expect([...collection.docs.values()].map((s) => s.doc._id)).toEqual(['fresh']);
  });

  it('expires TTL documents on a monitor pass, keeping fresh and date-less ones', () => {
    const engine = new Engine();
    engines.push(engine);
    const { collection } = engine.ensureCollection('db', 'sessions');
    collection.createIndex(parseIndexSpec({ key: { at: 1 }, expireAfterSeconds: 60 }));
    const now = Date.now();
    collection.apply({ kind: 'insert', doc: { _id: 'old', at: new Date(now - 61_000) } });
    collection.apply({
      kind: 'insert',
      doc: { _id: 'mixed', at: [new Date(now), new Date(now - 120_000)] },
    });
    collection.apply({ kind: 'insert', doc: { _id: 'fresh', at: new Date(now) } });
    collection.apply({ kind: 'insert', doc: { _id: 'none', at: 'x' } });
    expect(engine.expireTtl(now)).toBe(2);
    expect([...collection.docs.values()].map((s) => s.doc._id)).toEqual(['fresh', 'none']);
  });

  it('reads timings from options first, then the environment, then MongoDB defaults', () => {
    expect(resolveEngineOptions({})).toMatchObject({
      ttlMonitorIntervalMs: 60_000,
      cursorTimeoutMs: 600_000,
    });
    process.env.LOCALDB_CURSOR_TIMEOUT_MS = '1234';
    try {
      expect(resolveEngineOptions({}).cursorTimeoutMs).toBe(1234);
      expect(resolveEngineOptions({ cursorTimeoutMs: 5 }).cursorTimeoutMs).toBe(5);
      process.env.LOCALDB_CURSOR_TIMEOUT_MS = 'soon';
      expect(() => resolveEngineOptions({})).toThrow(/LOCALDB_CURSOR_TIMEOUT_MS/);
    } finally {
      delete process.env.LOCALDB_CURSOR_TIMEOUT_MS;
    }
  });

  it('renames a collection across databases and refuses an existing target', () => {
    const engine = new Engine();
    engines.push(engine);
    engine.ensureCollection('a', 'x').collection.apply({ kind: 'insert', doc: { _id: 1 } });
    engine.ensureCollection('b', 'y');
    expect(() => engine.renameCollection(['a', 'x'], ['b', 'y'], false)).toThrow(CommandError);
    engine.renameCollection(['a', 'x'], ['b', 'y'], true);
    expect(engine.collection('b', 'y')?.docs.size).toBe(1);
    expect(engine.databaseNames()).toEqual(['b']);
  });
});

describe('CursorStore', () => {
  it('serves batches, closes exhausted cursors and reaps idle ones', () => {
    const store = new CursorStore(1_000);
    const docs = Array.from({ length: 5 }, (_, i) => ({ i }));
    const first = store.open('db.c', docs, 2);
    expect(first.batch).toHaveLength(2);
    expect(first.id.isZero()).toBe(false);
    expect(store.getMore(first.id, 'db.c', 2).batch).toEqual([{ i: 2 }, { i: 3 }]);
    const last = store.getMore(first.id, 'db.c', 0);
    expect(last.batch).toEqual([{ i: 4 }]);
    expect(last.id.isZero()).toBe(true);
    expect(() => store.getMore(first.id, 'db.c', 1)).toThrow(/not found/);
    const idle = store.open('db.c', docs, 1);
    expect(store.reap(Date.now() + 5_000)).toBe(1);
    expect(() => store.getMore(idle.id, 'db.c', 1)).toThrow(CommandError);
    expect(store.open('db.c', docs, 0).batch).toEqual([]);
    expect(store.open('db.c', docs, 10).id).toEqual(Long.ZERO);
  });
});
