import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isPlainObject } from '../paths.ts';
import { parseTextSearch, type TextSearch } from './search.ts';

/** A filter's `$text` and the rest of it. */
export interface TextFilter {
  readonly search: TextSearch;
  readonly rest: Document;
}

function holdsText(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsText);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([k, v]) => k === '$text' || holdsText(v));
}

/**
 * The filter's `$text`, at its top level or in a top-level `$and`, split from the rest; undefined
 * when it has none. Deeper (`$or`, `$nor`, `$elemMatch`) is refused: localdb reads a `$text` only
 * where it restricts the whole query.
 */
export function splitText(filter: Document): TextFilter | undefined {
  if (!holdsText(filter)) return undefined;
  const found: unknown[] = [];
  const rest: Document = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$text') found.push(value);
    else if (key === '$and' && Array.isArray(value)) {
      const others: unknown[] = [];
      for (const clause of value) {
        if (!isPlainObject(clause) || !('$text' in clause)) {
          others.push(clause);
          continue;
        }
        const { $text, ...remaining } = clause;
        found.push($text);
        if (Object.keys(remaining).length > 0) others.push(remaining);
      }
      if (others.length > 0) rest.$and = others;
    } else rest[key] = value;
  }
  if (found.length > 1) throw new CommandError('BadValue', 'Too many text expressions');
  if (found.length === 0 || holdsText(rest)) {
    throw new CommandError(
      'BadValue',
      'localdb reads $text only at the top level of a filter or in a top-level $and',
    );
  }
  return { search: parseTextSearch(found[0]), rest };
}
