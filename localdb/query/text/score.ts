import type { Document } from 'bson';
import { isPlainObject, pathValues } from '../paths.ts';
import { type TextLanguage, textLanguage } from './language.ts';
import type { TextSearch } from './search.ts';
import type { TextIndex } from './text-index.ts';
import { type Folding, fold, terms } from './tokenize.ts';

const INSENSITIVE: Folding = { caseSensitive: false, diacriticSensitive: false };

/** Every string under `value` (in arrays and embedded documents too), with its field path. */
function stringsUnder(value: unknown, path: string, out: [string, string][]): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) for (const item of value) stringsUnder(item, path, out);
  else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) stringsUnder(v, path ? `${path}.${k}` : k, out);
  }
}

/** The strings a text index reads from a document, each with its field's weight. */
function indexedStrings(doc: Document, index: TextIndex): [string, number][] {
  const out: [string, number][] = [];
  if (index.weights.has('$**')) {
    const all: [string, string][] = [];
    stringsUnder(doc, '', all);
    for (const [path, text] of all) out.push([text, index.weights.get(path) ?? 1]);
    return out;
  }
  for (const [path, weight] of index.weights) {
    const found: [string, string][] = [];
    for (const value of pathValues(doc, path)) stringsUnder(value, path, found);
    for (const [, text] of found) out.push([text, weight]);
  }
  return out;
}

/**
 * MongoDB's term scores for one string: a term's repeats count 1, 1/2, 1/4..., scaled by how
 * much of the string the term is (coefficient 0.5 + 0.5 × its share of the terms) and by the
 * field's weight, with a 10 % boost when the whole string is that one word.
 */
function scoreString(
  text: string,
  weight: number,
  language: TextLanguage,
  scores: Map<string, number>,
) {
  const found = terms(text, language, INSENSITIVE);
  const counts = new Map<string, number>();
  for (const term of found) counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const [term, count] of counts) {
    const frequency = 2 - 2 ** (1 - count);
    const coefficient = (0.5 * count) / found.length + 0.5;
    const boost = text.length === term.length && text.toLowerCase() === term ? 1.1 : 1;
    scores.set(term, (scores.get(term) ?? 0) + weight * frequency * coefficient * boost);
  }
}

/**
 * The document's text score for `search`, or undefined when it does not match: it must hold one
 * of the search's words, none of its negated words or phrases, and every phrase.
 */
export function textScore(doc: Document, index: TextIndex, search: TextSearch): number | undefined {
  const own = doc[index.languageOverride];
  const docLanguage = textLanguage(typeof own === 'string' ? own : index.defaultLanguage);
  const queryLanguage = textLanguage(search.language ?? index.defaultLanguage);
  const wanted = new Set(search.words.flatMap((w) => terms(w, queryLanguage, INSENSITIVE)));
  if (wanted.size === 0) return undefined;
  const strings = indexedStrings(doc, index);
  const scores = new Map<string, number>();
  for (const [text, weight] of strings) scoreString(text, weight, docLanguage, scores);
  let score = 0;
  for (const term of wanted) score += scores.get(term) ?? 0;
  if (score === 0) return undefined;
  const { folding } = search;
  const sensitive = folding.caseSensitive || folding.diacriticSensitive;
  const docTerms = (f: Folding) =>
    new Set(strings.flatMap(([text]) => terms(text, docLanguage, f)));
  const exact = sensitive ? docTerms(folding) : undefined;
  if (
    exact &&
    !search.words.some((w) => terms(w, queryLanguage, folding).some((t) => exact.has(t)))
  ) {
    return undefined;
  }
  const present = exact ?? docTerms(INSENSITIVE);
  if (
    search.negatedWords.some((w) => terms(w, queryLanguage, folding).some((t) => present.has(t)))
  ) {
    return undefined;
  }
  const folded = strings.map(([text]) => fold(text, folding));
  const contains = (phrase: string) => folded.some((text) => text.includes(fold(phrase, folding)));
  if (!search.phrases.every(contains) || search.negatedPhrases.some(contains)) return undefined;
  return score;
}
