import { describe, expect, it } from 'vitest';
import { textLanguage } from '#localdb/query/text/language.ts';
import { textScore } from '#localdb/query/text/score.ts';
import { parseTextSearch } from '#localdb/query/text/search.ts';
import type { TextIndex } from '#localdb/query/text/text-index.ts';
import { terms } from '#localdb/query/text/tokenize.ts';

const INSENSITIVE = { caseSensitive: false, diacriticSensitive: false };
const english = textLanguage('english');
const index = (weights: Record<string, number>): TextIndex => ({
  weights: new Map(Object.entries(weights)),
  defaultLanguage: 'english',
  languageOverride: 'language',
  prefix: [],
});
const score = (doc: object, search: object, weights: Record<string, number> = { title: 1 }) =>
  textScore(doc, index(weights), parseTextSearch(search));

describe('text terms (tokenize.ts, language.ts)', () => {
  it('lower-cases, drops diacritics and stop words, and stems with Porter2', () => {
    expect(terms('The Dogs were running to a Café', english, INSENSITIVE)).toEqual([
      'dog',
      'run',
      'cafe',
    ]);
    // Porter2, not Porter (1980): the two differ on these.
    expect(terms('generously dying skies news', english, INSENSITIVE)).toEqual([
      'generous',
      'die',
      'sky',
      'news',
    ]);
    expect(terms("don't e-mail", english, INSENSITIVE)).toEqual(['e', 'mail']);
  });

  it('keeps case and diacritics when asked, and "none" neither stems nor drops words', () => {
    const sensitive = { caseSensitive: true, diacriticSensitive: true };
    expect(terms('Dogs Café', english, sensitive)).toEqual(['Dog', 'Café']);
    expect(terms('the dogs', textLanguage('none'), INSENSITIVE)).toEqual(['the', 'dogs']);
  });

  it('refuses languages it does not cover, naming the way out', () => {
    expect(() => textLanguage('spanish')).toThrow(/MONGODB_URI/);
    expect(() => textLanguage('klingon')).toThrow(/unsupported language/);
  });
});

describe('$text search strings (search.ts)', () => {
  it('takes words, phrases and negations apart', () => {
    const search = parseTextSearch({ $search: 'fox "lazy dog" -cat -"red hat" brown' });
    expect(search.words).toEqual(['fox', 'lazy', 'dog', 'brown']);
    expect(search.phrases).toEqual(['lazy dog']);
    expect(search.negatedWords).toEqual(['cat']);
    expect(search.negatedPhrases).toEqual(['red hat']);
  });

  it('refuses a missing or mistyped $search and unknown fields', () => {
    expect(() => parseTextSearch({})).toThrow(/\$search/);
    expect(() => parseTextSearch({ $search: 1 })).toThrow(/string/);
    expect(() => parseTextSearch({ $search: 'a', $what: 1 })).toThrow(/extra fields/);
    expect(() => parseTextSearch({ $search: 'a', $caseSensitive: 'yes' })).toThrow(/boolean/);
  });
});

describe('text scores (score.ts): MongoDB’s formula', () => {
  it('scores a term by its repeats, its share of the field and the field’s weight', () => {
    // 'the' is a stop word: 3 terms, fox once: 1 × (0.5 × 1/3 + 0.5) × weight 10.
    expect(score({ title: 'The quick brown fox' }, { $search: 'fox' }, { title: 10 })).toBeCloseTo(
      (10 * 2) / 3,
      12,
    );
    // dog three times of five terms: (1 + 1/2 + 1/4) × (0.5 × 3/5 + 0.5) = 1.4.
    expect(score({ title: 'all day long, dogs dogs dogs' }, { $search: 'dog' })).toBeCloseTo(
      1.4,
      12,
    );
    // The whole field is the term: boosted by 10 %.
    expect(score({ title: 'fox' }, { $search: 'fox' })).toBeCloseTo(1.1, 12);
  });

  it('sums over fields and over the search’s distinct terms', () => {
    const doc = { title: 'fox', body: ['a fox', 'a hound'] };
    const weights = { title: 2, body: 1 };
    // title 2 × 1.1; body 'a fox' (a: stop word) 1 × 1 × 1; 'a hound' 1 × 1 × 1.
    expect(score(doc, { $search: 'fox hound fox' }, weights)).toBeCloseTo(2.2 + 1 + 1, 12);
  });

  it('matches only documents with a word, every phrase and no negation', () => {
    const doc = { title: 'The lazy dogs sleep' };
    expect(score(doc, { $search: 'cat' })).toBeUndefined();
    expect(score(doc, { $search: 'the' })).toBeUndefined();
    expect(score(doc, { $search: '"lazy dog"' })).toBeGreaterThan(0);
    expect(score(doc, { $search: 'dog "lazy cat"' })).toBeUndefined();
    expect(score(doc, { $search: 'dog -sleeping' })).toBeUndefined();
    expect(score(doc, { $search: 'dog -"dogs sleep"' })).toBeUndefined();
    expect(score(doc, { $search: 'LAZY', $caseSensitive: true })).toBeUndefined();
    expect(score(doc, { $search: 'Lazy', $caseSensitive: false })).toBeGreaterThan(0);
  });

  it('reads every string with a $** index, and a document’s own language', () => {
    const doc = { a: { b: 'running' }, language: 'none' };
    const all = { '$**': 1 };
    // The document is indexed in 'none' (its words as they are), the query in its own language.
    expect(score(doc, { $search: 'running', $language: 'none' }, all)).toBeGreaterThan(0);
    expect(score(doc, { $search: 'running' }, all)).toBeUndefined();
    expect(score({ a: { b: 'running' } }, { $search: 'runs' }, all)).toBeGreaterThan(0);
  });
});
