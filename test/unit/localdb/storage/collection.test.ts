import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { Collection } from '#localdb/storage/collection.ts';
import { parseIndexSpec } from '#localdb/storage/index-spec.ts';
import { plannedCandidates } from '#localdb/storage/planner.ts';
import { codeOf } from '#test/support/command-error-code.ts';

function people(): Collection {
  const c = new Collection('db', 'people');
  c.createIndex(parseIndexSpec({ key: { email: 1 }, unique: true }));
  c.createIndex(parseIndexSpec({ key: { city: 1, age: -1 } }));
  return c;
}

describe('Collection.apply', () => {
  it('generates an ObjectId _id and stores it first', () => {
    const c = people();
    c.apply({ kind: 'insert', doc: { name: 'a', _id: undefined } });
    const [stored] = c.docs.values();
    expect(Object.keys(stored?.doc ?? {})).toEqual(['_id', 'name']);
    expect(stored?.doc._id).toBeInstanceOf(ObjectId);
  });

  it('leaves no trace when a unique index refuses a write', () => {
    const c = people();
    c.apply({ kind: 'insert', doc: { _id: 1, email: 'a', city: 'x', age: 1 } });
    c.apply({ kind: 'insert', doc: { _id: 2, email: 'b', city: 'y', age: 2 } });
    const before = JSON.stringify([...c.docs.values()].map((s) => s.doc));
    const sizes = [...c.indexes.values()].map((i) =>
      JSON.stringify([...i.entries].map(([k, v]) => [k, [...v]])),
    );
    expect(
      codeOf(() =>
        c.apply({ kind: 'replace', id: 'n2', doc: { _id: 2, email: 'a', city: 'z', age: 9 } }),
      ),
    ).toBe(11000);
    expect(codeOf(() => c.apply({ kind: 'insert', doc: { _id: 3, email: 'b', city: 'q' } }))).toBe(
      11000,
    );
    expect(JSON.stringify([...c.docs.values()].map((s) => s.doc))).toBe(before);
    expect(
      [...c.indexes.values()].map((i) =>
        JSON.stringify([...i.entries].map(([k, v]) => [k, [...v]])),
      ),
    ).toEqual(sizes);
  });

  it('keeps indexes in step with replaces and deletes', () => {
    const c = people();
    c.apply({ kind: 'insert', doc: { _id: 1, email: 'a', city: 'x', age: 1 } });
    c.apply({ kind: 'replace', id: 'n1', doc: { _id: 1, email: 'b', city: 'x', age: 1 } });
    c.apply({ kind: 'insert', doc: { _id: 2, email: 'a' } });
    c.apply({ kind: 'delete', id: 'n1' });
    c.apply({ kind: 'insert', doc: { _id: 3, email: 'b' } });
    expect(c.match({ email: 'b' }).map((s) => s.doc._id)).toEqual([3]);
  });

  it('refuses to change _id through replace and refuses array _ids', () => {
    const c = people();
    c.apply({ kind: 'insert', doc: { _id: 1 } });
    expect(codeOf(() => c.apply({ kind: 'replace', id: 'n1', doc: { _id: 2 } }))).toBe(66);
    expect(codeOf(() => c.apply({ kind: 'insert', doc: { _id: [1] } }))).toBe(53);
  });
});

describe('query planning', () => {
  it('answers _id and indexed equalities from the index, not by scanning', () => {
    const c = people();
    for (let i = 0; i < 1000; i++)
      c.apply({ kind: 'insert', doc: { _id: i, email: `e${i}`, city: `c${i % 10}`, age: i % 7 } });
    expect(plannedCandidates(c, { _id: 500 })?.map((s) => s.doc._id)).toEqual([500]);
    expect(plannedCandidates(c, { _id: { $in: [1, 2, 1] } })?.length).toBe(2);
    expect(plannedCandidates(c, { email: { $eq: 'e7' }, other: 1 })?.map((s) => s.doc._id)).toEqual(
      [7],
    );
    expect(plannedCandidates(c, { city: 'c3', age: 3 })?.length).toBe(
      c.match({ city: 'c3', age: 3 }).length,
    );
    expect(
      plannedCandidates(c, { email: { $in: ['e1', 'e2', 'nope'] } })?.map((s) => s.doc._id),
    ).toEqual([1, 2]);
    expect(plannedCandidates(c, { city: 'c3' })).toBeUndefined();
    expect(plannedCandidates(c, { email: /e1/ })).toBeUndefined();
    expect(c.match({ email: 'e7', other: 1 })).toEqual([]);
  });

  it('gives the documents in natural order, also after a rewrite moved them within the index', () => {
    const c = people();
    for (let i = 0; i < 4; i++)
      c.apply({ kind: 'insert', doc: { _id: i, email: `e${i}`, city: 'oslo', age: 1 } });
    // Rewritten with the same keys: the index re-adds _id 0 and 1 last.
    for (const id of [1, 0]) {
      const doc = { _id: id, email: `e${id}`, city: 'oslo', age: 1, seen: true };
      c.apply({ kind: 'replace', id: `n${id}`, doc });
    }
    const ids = (filter: object) => plannedCandidates(c, filter)?.map((s) => s.doc._id);
    expect(ids({ city: 'oslo', age: 1 })).toEqual([0, 1, 2, 3]);
    expect(ids({ _id: { $in: [3, 1, 0] } })).toEqual([0, 1, 3]);
    expect(ids({ email: { $in: ['e3', 'e0'] } })).toEqual([0, 3]);
  });

  it('skips partial indexes, whose entries do not cover every document', () => {
    const c = new Collection('db', 'p');
    c.createIndex(parseIndexSpec({ key: { k: 1 }, partialFilterExpression: { on: true } }));
    c.apply({ kind: 'insert', doc: { _id: 1, k: 'x', on: false } });
    expect(plannedCandidates(c, { k: 'x' })).toBeUndefined();
    expect(c.match({ k: 'x' }).length).toBe(1);
  });
});
