import { type Document, Double, Int32, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { applyUpdate } from '#localdb/query/update.ts';
import { codeOf } from '#test/support/command-error-code.ts';

const run = (
  doc: Document,
  update: Document | Document[],
  extra: Partial<Parameters<typeof applyUpdate>[2]> = {},
) => applyUpdate(doc, update, { filter: {}, inserting: false, ...extra });
describe('applyUpdate', () => {
  it('never mutates the stored document and returns it as is when nothing changes', () => {
    const doc = Object.freeze({ _id: 1, a: Object.freeze({ b: 1 }) });
    const next = run(doc, { $set: { 'a.b': 2 } });
    expect(next).toEqual({ _id: 1, a: { b: 2 } });
    expect(doc.a.b).toBe(1);
    expect(run(doc, { $set: { 'a.b': 1 } })).toBe(doc);
  });

  it('keeps stored BSON types on untouched and arithmetically updated fields', () => {
    const doc = {
      _id: 1,
      keep: Long.fromNumber(1),
      n: new Int32(1),
      max: new Int32(2 ** 31 - 1),
      d: new Double(1),
    };
    const next = run(doc, { $inc: { n: new Int32(2), max: new Int32(1), d: new Int32(1) } });
    expect(next.keep).toBe(doc.keep);
    expect(next.n).toEqual(new Int32(3));
    expect(next.max).toEqual(Long.fromNumber(2 ** 31));
    expect(next.d).toEqual(new Double(2));
    expect(run(doc, { $mul: { n: new Double(1.5) } }).n).toEqual(new Double(1.5));
    expect(run(doc, { $set: { l: Long.fromNumber(7) } }).l).toEqual(Long.fromNumber(7));
  });

  it('supports positional, arrayFilters, $push, $pull and pipeline updates', () => {
    const doc = {
      _id: 1,
      xs: [1, 5, 9],
      items: [
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
      ],
    };
    expect(run(doc, { $set: { 'xs.$': 0 } }, { filter: { xs: 5 } }).xs).toEqual([1, 0, 9]);
    expect(
      run(doc, { $inc: { 'items.$[e].v': 10 } }, { arrayFilters: [{ 'e.k': 'b' }] }).items,
    ).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: 12 },
    ]);
    expect(run(doc, { $push: { xs: { $each: [10], $sort: -1 } } }).xs).toEqual([10, 9, 5, 1]);
    expect(run(doc, { $pull: { xs: { $gte: 5 } } }).xs).toEqual([1]);
    expect(run(doc, [{ $set: { n: { $size: '$xs' } } }]).n).toBe(3);
  });

  it('applies $setOnInsert only when inserting', () => {
    expect(run({ _id: 1 }, { $setOnInsert: { a: 1 } })).toEqual({ _id: 1 });
    expect(run({ _id: 1 }, { $setOnInsert: { a: 1 } }, { inserting: true })).toEqual({
      _id: 1,
      a: 1,
    });
  });

  it('answers bad updates with MongoDB codes', () => {
    expect(codeOf(() => run({ _id: 1 }, { $set: { _id: 2 } }))).toBe(66);
    expect(codeOf(() => run({ _id: 1, s: 'x' }, { $inc: { s: 1 } }))).toBe(14);
    expect(codeOf(() => run({ _id: 1 }, { $inc: { n: 'x' } }))).toBe(14);
    expect(codeOf(() => run({ _id: 1 }, { $set: { a: 1 }, $inc: { a: 1 } }))).toBe(40);
    expect(codeOf(() => run({ _id: 1 }, { $bogus: { a: 1 } }))).toBe(9);
    expect(codeOf(() => run({ _id: 1 }, [{ $match: {} }]))).toBe(72);
  });
});
