import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError } from '#localdb/errors.ts';
import { textScore } from '#localdb/query/text/score.ts';
import { parseTextSearch } from '#localdb/query/text/search.ts';

const INDEX = {
  weights: new Map([
    ['title', 3],
    ['tags', 1],
  ]),
  defaultLanguage: 'english',
  languageOverride: 'language',
  prefix: [],
};
const text = fc.string({
  unit: fc.constantFrom(...'ab -"Éé’\'x.\u0301 D'.split('')),
  maxLength: 24,
});

describe('$text search over arbitrary strings (search.ts, score.ts)', () => {
  it('answers a non-negative score or no match, never another exception', () => {
    fc.assert(
      fc.property(
        text,
        fc.record({ title: fc.oneof(text, fc.integer()), tags: fc.array(text, { maxLength: 3 }) }),
        fc.boolean(),
        fc.boolean(),
        (search, doc, caseSensitive, diacriticSensitive) => {
          const query = parseTextSearch({
            $search: search,
            $caseSensitive: caseSensitive,
            $diacriticSensitive: diacriticSensitive,
          });
          const score = textScore(doc, INDEX, query);
          if (score !== undefined) expect(score).toBeGreaterThan(0);
          // A document without strings matches nothing.
          if (typeof doc.title !== 'string' && doc.tags.length === 0) expect(score).toBeUndefined();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a malformed $text with a CommandError only', () => {
    fc.assert(
      fc.property(fc.anything(), (spec) => {
        try {
          parseTextSearch(spec);
        } catch (error) {
          expect(error).toBeInstanceOf(CommandError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
