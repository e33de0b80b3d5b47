import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isPlainObject } from '../paths.ts';
import type { Folding } from './tokenize.ts';
import { words } from './tokenize.ts';

/** A `$text` query: its search string taken apart, and its options. */
export interface TextSearch {
  /** Words of which a document must hold one (with the words of its phrases). */
  readonly words: readonly string[];
  readonly negatedWords: readonly string[];
  readonly phrases: readonly string[];
  readonly negatedPhrases: readonly string[];
  /** `$language`; the index's default language (or a document's own) when absent. */
  readonly language: string | undefined;
  readonly folding: Folding;
}

const OPTIONS = new Set(['$search', '$language', '$caseSensitive', '$diacriticSensitive']);

function optBoolean(spec: Document, name: string): boolean {
  const value: unknown = spec[name];
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    throw new CommandError('BadValue', `${name} requires a boolean value`);
  return value;
}

/**
 * The search string as MongoDB reads it: words are OR-ed; a `"quoted phrase"` must appear as
 * written (its words count as words too); `-word` and `-"phrase"` must not appear.
 */
function parseSearch(search: string) {
  const parsed = { words: [] as string[], negatedWords: [] as string[], phrases: [] as string[] };
  const negatedPhrases: string[] = [];
  let at = 0;
  while (at < search.length) {
    const char = search[at] ?? '';
    if (/\s/u.test(char)) {
      at += 1;
    } else if (char === '"') {
      const close = search.indexOf('"', at + 1);
      const phrase = search.slice(at + 1, close < 0 ? search.length : close);
      const negated = search[at - 1] === '-' && (at < 2 || /\s/u.test(search[at - 2] ?? ''));
      if (negated) negatedPhrases.push(phrase);
      else {
        parsed.phrases.push(phrase);
        parsed.words.push(...words(phrase));
      }
      at = close < 0 ? search.length : close + 1;
    } else {
      let end = at;
      while (end < search.length && !/[\s"]/u.test(search[end] ?? '')) end += 1;
      const token = search.slice(at, end);
      (token.startsWith('-') ? parsed.negatedWords : parsed.words).push(...words(token));
      at = end;
    }
  }
  return { ...parsed, negatedPhrases };
}

/** Validates a `$text` operator's argument. */
export function parseTextSearch(spec: unknown): TextSearch {
  if (!isPlainObject(spec)) throw new CommandError('BadValue', '$text expects an object');
  for (const key of Object.keys(spec)) {
    if (!OPTIONS.has(key)) throw new CommandError('BadValue', `extra fields in $text: ${key}`);
  }
  const search: unknown = spec.$search;
  if (search === undefined) throw new CommandError('BadValue', '$text requires a $search field');
  if (typeof search !== 'string')
    throw new CommandError('BadValue', '$search requires a string value');
  const language: unknown = spec.$language;
  if (language !== undefined && typeof language !== 'string') {
    throw new CommandError('BadValue', '$language requires a string value');
  }
  return {
    ...parseSearch(search),
    language,
    folding: {
      caseSensitive: optBoolean(spec, '$caseSensitive'),
      diacriticSensitive: optBoolean(spec, '$diacriticSensitive'),
    },
  };
}
