import { type Document, Double } from 'bson';
import type { Collation } from '../../query/collation.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { type SortSpec, sortDocuments } from '../../query/sort.ts';
import { splitTextScoreMeta } from '../../query/text/text-score-meta.ts';
import type { Collection } from '../../storage/collection.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';
import { project } from './projection.ts';

export interface TextFind {
  readonly filter: Document;
  readonly sort: SortSpec;
  /** Sort fields given as `{ $meta: 'textScore' }` (parseSort reads them as descending). */
  readonly scoreSortFields: readonly string[];
  readonly projection: Document | undefined;
  readonly skip: number;
  readonly limit: number;
  readonly variables: Document | undefined;
  readonly collation: Collation | undefined;
}

/**
 * A find whose filter holds `$text`: the matching documents with their scores, sorted (the text
 * score standing in for each `$meta` sort field), windowed, projected, and each projection field
 * given as `{ $meta: 'textScore' }` appended with the score (a double, as mongod sends it).
 */
export function findText(collection: Collection, find: TextFind): Document[] {
  const scores = new Map<StoredDoc, number>();
  const want = find.sort.length === 0 && find.limit ? find.skip + find.limit : 0;
  const matched = withMingo(() =>
    collection.match(find.filter, want, find.variables, find.collation, scores),
  );
  const score = (s: StoredDoc) => scores.get(s) ?? 0;
  const view = (s: StoredDoc) => {
    const stored = collection.viewOf(s);
    if (find.scoreSortFields.length === 0) return stored;
    return { ...stored, ...Object.fromEntries(find.scoreSortFields.map((f) => [f, score(s)])) };
  };
  const ordered = sortDocuments(matched, find.sort, view, find.collation?.compare);
  const window = ordered.slice(find.skip, find.limit ? find.skip + find.limit : undefined);
  const { fields, rest } = splitTextScoreMeta(find.projection);
  const projected = project(
    window.map((s) => s.doc),
    rest,
  );
  if (fields.length === 0) return projected;
  return projected.map((doc, i) => {
    const value = new Double(score(window[i] as StoredDoc));
    return { ...doc, ...Object.fromEntries(fields.map((f) => [f, value])) };
  });
}
