import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isNumeric, toNumber } from '../../query/bson-type.ts';
import { type NearQuery, nearCenter } from '../../query/geo/near.ts';
import { getPath, isPlainObject } from '../../query/paths.ts';
import { toView } from '../../query/view.ts';
import type { Collection } from '../../storage/collection.ts';
import { matchNear } from '../../storage/measured-match.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';
import type { OpenedPipeline, OpeningContext } from './opening-stage.ts';

/** `doc` with `value` at a dotted `path`, copying the objects on the way (the view stays intact). */
function withPath(doc: Document, path: string, value: unknown): Document {
  const [head = '', ...tail] = path.split('.');
  if (tail.length === 0) return { ...doc, [head]: value };
  const inner: unknown = doc[head];
  return { ...doc, [head]: withPath(isPlainObject(inner) ? inner : {}, tail.join('.'), value) };
}

/** The field a `$geoNear` measures: `key`, else the collection's one geo index. */
function geoKey(collection: Collection, key: unknown): string {
  if (typeof key === 'string') return key;
  const fields = collection
    .indexSpecs()
    .flatMap((s) =>
      Object.entries(s.key).filter(([, kind]) => kind === '2dsphere' || kind === '2d'),
    )
    .map(([field]) => field);
  if (fields.length === 1 && fields[0] !== undefined) return fields[0];
  throw new CommandError(
    fields.length === 0 ? 'NoQueryExecutionPlans' : 'BadValue',
    fields.length === 0
      ? '$geoNear requires a 2d or 2dsphere index, but none were found'
      : 'There is more than one geo index; specify which one with the key option',
  );
}

function optNumber(spec: Document, name: string): number | undefined {
  const value: unknown = spec[name];
  if (value === undefined) return undefined;
  if (!isNumeric(value))
    throw new CommandError('TypeMismatch', `$geoNear ${name} must be a number`);
  return toNumber(value);
}

/**
 * A pipeline that opens with `$geoNear`: the documents its `query` keeps, nearest first, each with
 * its distance (× `distanceMultiplier`) at `distanceField` and its location at `includeLocs`;
 * undefined for any other pipeline.
 */
export function geoNearPipeline(
  stages: readonly Document[],
  { collection, variables, collation, view }: OpeningContext,
): OpenedPipeline | undefined {
  const raw: unknown = stages[0]?.$geoNear;
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw)) throw new CommandError('TypeMismatch', '$geoNear requires an object');
  const spec = toView(raw) as Document;
  if (typeof spec.distanceField !== 'string') {
    throw new CommandError('BadValue', "$geoNear requires a 'distanceField' option as a String");
  }
  if (spec.query !== undefined && !isPlainObject(spec.query)) {
    throw new CommandError('TypeMismatch', '$geoNear query must be an object');
  }
  if (!collection) return { input: [], stages: stages.slice(1) };
  const near: NearQuery = {
    path: geoKey(collection, spec.key),
    ...nearCenter(spec.near, spec.spherical === true),
    min: optNumber(spec, 'minDistance'),
    max: optNumber(spec, 'maxDistance'),
  };
  const multiplier = optNumber(spec, 'distanceMultiplier') ?? 1;
  const distances = new Map<StoredDoc, number>();
  const query = isPlainObject(raw.query) ? raw.query : {};
  const found = matchNear(collection, near, query, { variables, collation, measures: distances });
  const input = found.map((stored) => {
    let doc = withPath(view(stored), spec.distanceField, (distances.get(stored) ?? 0) * multiplier);
    if (typeof spec.includeLocs === 'string') {
      doc = withPath(doc, spec.includeLocs, getPath(view(stored), near.path));
    }
    return doc;
  });
  return { input, stages: stages.slice(1) };
}
