import { describe, expect, it } from 'vitest';
import type { StoredDoc } from '#localdb/storage/stored-doc.ts';
import { WriteHistory } from '#localdb/transactions/history.ts';

const doc = (id: string, v: number): StoredDoc => ({ id, doc: { _id: id, v } });

describe('WriteHistory', () => {
  it('lists the writes after a version, newest first, with their before-images', () => {
    const history = new WriteHistory();
    const snapshot = history.version;
    // a: 1 -> 2 (replace), b inserted, a: 2 -> 3
    history.record('db.c', 'a', doc('a', 1), true);
    history.record('db.c', 'b', undefined, true);
    history.record('db.c', 'a', doc('a', 2), true);
    const undone: Array<[string, unknown]> = [];
    history.undoSince('db.c', snapshot, (id, before) => undone.push([id, before?.doc]));
    expect(undone).toEqual([
      ['a', { _id: 'a', v: 2 }],
      ['b', undefined],
      ['a', { _id: 'a', v: 1 }],
    ]);
    const later: string[] = [];
    history.undoSince('db.c', snapshot + 2, (id) => later.push(id));
    expect(later).toEqual(['a']);
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
