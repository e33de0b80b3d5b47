import type { Document } from 'bson';
import type { Collation } from '../query/collation.ts';
import { distanceOf, type NearQuery, requireGeoIndex } from '../query/geo/near.ts';
import { textScore } from '../query/text/score.ts';
import type { TextFilter } from '../query/text/split-text.ts';
import { checkTextPrefix, requireTextIndex } from '../query/text/text-index.ts';
import type { Collection } from './collection.ts';
import type { StoredDoc } from './stored-doc.ts';

/** How a measured match runs: a limit, the query's `let` and collation, where measures go. */
export interface MeasuredMatchOptions {
  readonly limit?: number | undefined;
  readonly variables?: Document | undefined;
  readonly collation?: Collation | undefined;
  /** Each kept document's text score or distance. */
  readonly measures?: Map<StoredDoc, number> | undefined;
}

/**
 * A `$text` query: the rest of the filter, then the text search over what it kept (no inverted
 * index: each document's strings are scored as it is read), in natural order.
 */
export function matchText(
  collection: Collection,
  text: TextFilter,
  options: MeasuredMatchOptions = {},
): StoredDoc[] {
  const index = requireTextIndex(collection.indexSpecs(), collection.ns);
  checkTextPrefix(index, text.rest);
  const out: StoredDoc[] = [];
  for (const stored of collection.match(text.rest, 0, options.variables, options.collation)) {
    const score = textScore(stored.doc, index, text.search);
    if (score === undefined) continue;
    options.measures?.set(stored, score);
    out.push(stored);
    if (options.limit && out.length >= options.limit) break;
  }
  return out;
}

/**
 * A `$near` (or `$geoNear`) query: the documents `rest` keeps whose location is within bounds,
 * nearest first (no spatial index: every kept document is measured).
 */
export function matchNear(
  collection: Collection,
  near: NearQuery,
  rest: Document,
  options: MeasuredMatchOptions = {},
): StoredDoc[] {
  requireGeoIndex(collection.indexSpecs(), near.path);
  const measured: [StoredDoc, number][] = [];
  for (const stored of collection.match(rest, 0, options.variables, options.collation)) {
    const distance = distanceOf(collection.viewOf(stored), near);
    if (distance !== undefined) measured.push([stored, distance]);
  }
  measured.sort((a, b) => a[1] - b[1]);
  const kept = options.limit ? measured.slice(0, options.limit) : measured;
  for (const [stored, distance] of kept) options.measures?.set(stored, distance);
  return kept.map(([stored]) => stored);
}
