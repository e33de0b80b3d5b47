import { describe, expect, it } from 'vitest';
import type { StoredDoc } from '#localdb/storage/collection.ts';
import { WriteHistory } from '#localdb/transactions/history.ts';

const doc = (id: string, v: number): StoredDoc => ({ id, doc: { _id: id, v } });

describe('WriteHistory', () => {
  it('rebuilds a namespace as of a version by undoing later writes, newest first', () => {
    const history = new WriteHistory();
    const current = new Map<string, StoredDoc>([['a', doc('a', 1)]]);
    const snapshot = history.version;
    // a: 1 -> 2 (replace), b inserted, a: 2 -> 3
    history.record('db.c', 'a', doc('a', 1), true);
    history.record('db.c', 'b', undefined, true);
    history.record('db.c', 'a', doc('a', 2), true);
    current.set('a', doc('a', 3)).set('b', doc('b', 1));
    const past = history.documentsAt('db.c', current, snapshot);
    expect([...past.values()].map((s) => s.doc)).toEqual([{ _id: 'a', v: 1 }]);
    const middle = history.documentsAt('db.c', current, snapshot + 1);
    expect(middle.get('a')?.doc).toEqual({ _id: 'a', v: 2 });
    expect(middle.has('b')).toBe(false);
  });

  it('tells which documents were written after a version, per namespace', () => {
    const history = new WriteHistory();
    const before = history.version;
    history.record('db.c', 'a', undefined, true);
    expect(history.writtenSince('db.c', 'a', before)).toBe(true);
    expect(history.writtenSince('db.c', 'a', history.version)).toBe(false);
    expect(history.writtenSince('db.other', 'a', before)).toBe(false);
  });

  it('counts writes it does not keep, and keeps nothing for them', () => {
    const history = new WriteHistory();
    history.record('db.c', 'a', doc('a', 1), false);
    expect(history.version).toBe(1);
    expect(history.writtenSince('db.c', 'a', 0)).toBe(false);
  });

  it('prunes up to the oldest open snapshot, or everything when none is open', () => {
    const history = new WriteHistory();
    history.record('db.c', 'a', doc('a', 1), true);
    history.record('db.c', 'b', doc('b', 1), true);
    history.prune(1);
    expect(history.writtenSince('db.c', 'a', 0)).toBe(false);
    expect(history.writtenSince('db.c', 'b', 1)).toBe(true);
    history.prune(undefined);
    expect(history.writtenSince('db.c', 'b', 1)).toBe(false);
  });
});
