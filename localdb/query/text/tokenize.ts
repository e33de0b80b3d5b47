import type { TextLanguage } from './language.ts';

/** Options of a `$text` query that change how words compare. */
export interface Folding {
  readonly caseSensitive: boolean;
  readonly diacriticSensitive: boolean;
}

// Letters, digits and marks make words; an apostrophe between letters stays in one ("don't").
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/** A string as words compare under `folding` (lower case, diacritics removed: text index v3). */
export function fold(text: string, folding: Folding): string {
  const cased = folding.caseSensitive ? text : text.toLowerCase();
  return folding.diacriticSensitive ? cased : cased.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** The words of a string, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * A stem given back the case of the word it came from, letter by letter where they agree: what
 * a stemmer that keeps case (as MongoDB's Snowball does with case-sensitive queries) would give.
 */
function recase(stem: string, word: string): string {
  let out = '';
  for (let i = 0; i < stem.length; i += 1) {
    const original = word[i] ?? '';
    out += original.toLowerCase() === stem[i] ? original : (stem[i] ?? '');
  }
  return out;
}

/**
 * The index terms of a string: its words folded, stop words dropped, stemmed. (Stop words are
 * looked up lower-cased, as MongoDB does also for case-sensitive queries.)
 */
export function terms(text: string, language: TextLanguage, folding: Folding): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const folded = fold(word.replace(/’/g, "'"), folding);
    if (language.isStopWord(folded.toLowerCase())) continue;
    const stem = language.stem(folded.toLowerCase());
    out.push(folding.caseSensitive ? recase(stem, folded) : stem);
  }
  return out;
}
