import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalKey } from '#localdb/query/canonical-key.ts';
import { compareBson } from '#localdb/query/compare.ts';

describe('compareBson', () => {
  it('orders types as MongoDB does', () => {
    const ordered = [
      new MinKey(),
      null,
      1,
      'a',
      { a: 1 },
      [1],
      new Binary(Buffer.from('x')),
      new ObjectId(),
      false,
      new Date(0),
      new Timestamp({ t: 1, i: 0 }),
      /x/,
      new MaxKey(),
    ];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(compareBson(ordered[i], ordered[i + 1]), `${i} < ${i + 1}`).toBe(-1);
      expect(compareBson(ordered[i + 1], ordered[i])).toBe(1);
    }
  });

  it('compares numbers by value across int32, int64, double and decimal128', () => {
    expect(compareBson(new Int32(3), Long.fromNumber(3))).toBe(0);
    expect(compareBson(new Double(2.5), Decimal128.fromString('3'))).toBe(-1);
    expect(
      compareBson(Long.fromString('9007199254740993'), Long.fromString('9007199254740992')),
    ).toBe(1);
    expect(compareBson(Number.NaN, -Infinity)).toBe(-1);
  });

  it('is antisymmetric and agrees with canonicalKey equality on numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (a, b) => {
          const x = new Int32(a);
          const y = Long.fromNumber(b);
          expect(compareBson(x, y)).toBe(0 - compareBson(y, x) || 0);
          expect(compareBson(x, y) === 0).toBe(canonicalKey(x) === canonicalKey(y));
          expect(Math.sign(compareBson(x, new Double(b)))).toBe(Math.sign(a - b));
        },
      ),
    );
  });

  it('compares documents field by field, names and order included', () => {
    expect(compareBson({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(-1);
    expect(compareBson({ a: 1 }, { a: 1, b: 0 })).toBe(-1);
    expect(compareBson({ a: 1, b: 2 }, { b: 2, a: 1 })).not.toBe(0);
    expect(canonicalKey({ a: new Int32(1) })).toBe(canonicalKey({ a: 1 }));
    expect(canonicalKey({ a: 1, b: 2 })).not.toBe(canonicalKey({ b: 2, a: 1 }));
    expect(canonicalKey(null)).toBe(canonicalKey(undefined));
    expect(canonicalKey('1')).not.toBe(canonicalKey(1));
  });
});
