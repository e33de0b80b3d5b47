import { describe, expect, it } from 'vitest';
import { collatedIndexes } from '#lib/model/collation.ts';
import { insertOptions } from '#lib/model/runner.ts';

const english = { locale: 'en', strength: 2 };

describe('collatedIndexes', () => {
  it("builds every index with the model's collation, unless the index names its own", () => {
    const own = { locale: 'fr', strength: 1 };
    expect(
      collatedIndexes(
        'author',
        [
          { key: { name: 1 } },
          { key: { born: 1 }, collation: own },
          { key: { n: 1 }, unique: true },
        ],
        english,
      ),
    ).toEqual([
      { key: { name: 1 }, collation: english },
      { key: { born: 1 }, collation: own },
      { key: { n: 1 }, unique: true, collation: english },
    ]);
  });

  it('leaves the indexes alone without a collation', () => {
    const indexes = [{ key: { name: 1 } }];
    expect(collatedIndexes('author', indexes, undefined)).toBe(indexes);
  });

  it('refuses a collation beside a text index, and one without a locale or "simple"', () => {
    expect(() => collatedIndexes('book', [{ key: { title: 'text' } }], english)).toThrow(
      /book: a collation and a text index/,
    );
    expect(() => collatedIndexes('book', [], { locale: 'simple' })).toThrow(/locale/);
  });
});

describe('insertOptions', () => {
  it('drops the collation (the insert command takes none), keeps the rest', () => {
    expect(insertOptions({ maxTimeMS: 5, collation: english })).toEqual({ maxTimeMS: 5 });
  });
});
