import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isPlainObject } from '../../query/paths.ts';
import { splitText } from '../../query/text/split-text.ts';
import { isTextScoreMeta } from '../../query/text/text-score-meta.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';
import type { OpenedPipeline, OpeningContext } from './opening-stage.ts';

/** Where each document carries its text score through the pipeline (no BSON key holds a NUL). */
const SCORE = '\u0000textScore';

/** `{ $meta: 'textScore' }` anywhere in an expression, as a path to the score. */
function readScore(value: unknown): unknown {
  if (isTextScoreMeta(value)) return `$${SCORE}`;
  if (Array.isArray(value)) return value.map(readScore);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readScore(v)]));
}

function excludes(spec: Document): boolean {
  return Object.entries(spec).some(([k, v]) => k !== '_id' && (v === 0 || v === false));
}

/** A stage after the text `$match`, reading the score where it asks for it and keeping it. */
function scoredStage(stage: Document): Document {
  const [name = ''] = Object.keys(stage);
  const spec: unknown = stage[name];
  if (name === '$sort' && isPlainObject(spec)) {
    // A `$meta` sort key sorts by the score, descending, whatever the key's name.
    const entries = Object.entries(spec).map(([k, v]) =>
      isTextScoreMeta(v) ? [SCORE, -1] : [k, v],
    );
    return { $sort: Object.fromEntries(entries) };
  }
  if (name === '$project' && isPlainObject(spec) && !excludes(spec)) {
    return { $project: { ...(readScore(spec) as Document), [SCORE]: 1 } };
  }
  return { [name]: readScore(spec) };
}

/**
 * A pipeline that opens with a `$match` on `$text` (where mongod allows one): the documents it
 * keeps, each with its score, and the other stages reading the score for `{ $meta: 'textScore' }`;
 * undefined for any other pipeline.
 */
export function textPipeline(
  stages: readonly Document[],
  { collection, variables, collation, view }: OpeningContext,
): OpenedPipeline | undefined {
  const match: unknown = stages[0]?.$match;
  if (!isPlainObject(match) || !splitText(match)) return undefined;
  if (!collection) throw new CommandError('IndexNotFound', 'text index required for $text query');
  const scores = new Map<StoredDoc, number>();
  const matched = collection.match(match, 0, variables, collation, scores);
  const input = matched.map((s) => ({ ...view(s), [SCORE]: scores.get(s) ?? 0 }));
  return { input, stages: stages.slice(1).map(scoredStage) };
}

/** A result without the score it carried. */
export function withoutScore(doc: Document): Document {
  if (!(SCORE in doc)) return doc;
  const { [SCORE]: _score, ...rest } = doc;
  return rest;
}
