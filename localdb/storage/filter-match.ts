import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import type { Collation } from '../query/collation.ts';
import { compileFilter } from '../query/filter.ts';
import { foldFilter } from '../query/fold-stages.ts';
import { splitNear } from '../query/geo/near.ts';
import { splitText } from '../query/text/split-text.ts';
import { toViewDocument } from '../query/view.ts';
import type { Collection } from './collection.ts';
import { matchNear, matchText } from './measured-match.ts';
import { idCandidates } from './planner.ts';
import type { StoredDoc } from './stored-doc.ts';

/** `Collection.match`: a `$text` or `$near` query is measured, any other filter tests candidates. */
export function matchFilter(
  collection: Collection,
  filter: Document,
  limit: number,
  variables: Document | undefined,
  collation: Collation | undefined,
  measures: Map<StoredDoc, number> | undefined,
): StoredDoc[] {
  const text = splitText(filter);
  const near = splitNear(filter);
  if (text && near)
    throw new CommandError('BadValue', 'text and geoNear not allowed in same query');
  if (text) return matchText(collection, text, { limit, variables, collation, measures });
  if (near)
    return matchNear(collection, near.near, near.rest, {
      limit,
      variables,
      collation,
      measures,
    });
  const fold = collation?.fold;
  const empty = Object.keys(filter).length === 0;
  const query = empty
    ? undefined
    : compileFilter(fold ? foldFilter(filter, fold) : filter, variables, collation?.spec);
  const out: StoredDoc[] = [];
  // Index keys are binary: under a collation (ranges in its order, equality folded) every
  // document is a candidate, but for an `_id` that no collation compares (an ObjectId).
  const candidates = collation
    ? (idCandidates(collection, filter, false) ?? collection.docs.values())
    : collection.candidates(filter);
  for (const stored of candidates) {
    if (query && !query.test(fold ? toViewDocument(stored.doc, fold) : collection.viewOf(stored)))
      continue;
    out.push(stored);
    if (limit && out.length >= limit) break;
  }
  return out;
}
