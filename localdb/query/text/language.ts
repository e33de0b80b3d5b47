import { stopwords } from '@orama/stopwords/english';
import stem from 'wink-porter2-stemmer';
import { CommandError } from '../../errors.ts';

/** How one language turns words into index terms. */
export interface TextLanguage {
  readonly name: string;
  readonly isStopWord: (word: string) => boolean;
  readonly stem: (word: string) => string;
}

// Snowball's English list, which MongoDB's follows, holds "a"; Orama's omits it.
const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([...stopwords, 'a']);

const ENGLISH: TextLanguage = Object.freeze({
  name: 'english',
  isStopWord: (word: string) => ENGLISH_STOP_WORDS.has(word),
  // MongoDB stems English with Snowball's English (Porter2) stemmer.
  stem,
});

const NONE: TextLanguage = Object.freeze({
  name: 'none',
  isStopWord: () => false,
  stem: (word: string) => word,
});

const LANGUAGES: Readonly<Record<string, TextLanguage>> = Object.freeze({
  english: ENGLISH,
  en: ENGLISH,
  none: NONE,
});

/** MongoDB's other text search languages: valid there, not implemented here. */
const ELSEWHERE = new Set(
  ['danish', 'dutch', 'finnish', 'french', 'german', 'hungarian', 'italian', 'norwegian'].concat(
    ['portuguese', 'romanian', 'russian', 'spanish', 'swedish', 'turkish'],
    ['da', 'nl', 'fi', 'fr', 'de', 'hu', 'it', 'nb', 'pt', 'ro', 'ru', 'es', 'sv', 'tr'],
  ),
);

/** The language named `name` (a text index's default_language, `$language`, an override field). */
export function textLanguage(name: unknown): TextLanguage {
  const key = typeof name === 'string' ? name.toLowerCase() : '';
  const language = LANGUAGES[key];
  if (language) return language;
  if (ELSEWHERE.has(key)) {
    throw new CommandError(
      'BadValue',
      `localdb's text search covers english and none, not '${String(name)}': use a MongoDB server (MONGODB_URI) for it`,
    );
  }
  throw new CommandError(
    'BadValue',
    `unsupported language: "${String(name)}" for text index version 3`,
  );
}
