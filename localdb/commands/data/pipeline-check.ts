import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isNumeric } from '../../query/bson-type.ts';
import {
  checkExpression,
  checkFilterExpressions,
  checkGroup,
} from '../../query/expression-check.ts';
import { isPlainObject } from '../../query/paths.ts';
import { splitText } from '../../query/text/split-text.ts';

const OUTPUTS = new Set(['$out', '$merge']);
/** Stages that only open a pipeline (a source of documents of their own, or an index's). */
const FIRST_ONLY = new Set([
  '$geoNear',
  '$collStats',
  '$indexStats',
  '$documents',
  '$changeStream',
  '$listLocalSessions',
  '$listSessions',
  '$currentOp',
  '$planCacheStats',
  '$search',
  '$searchMeta',
  '$vectorSearch',
]);
/** Stages a `$facet` may not hold: MongoDB's list, and those that must open a pipeline. */
const NOT_IN_FACET = new Set([
  ...OUTPUTS,
  '$facet',
  '$collStats',
  '$indexStats',
  '$geoNear',
  '$planCacheStats',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$changeStream',
  '$documents',
  '$listLocalSessions',
]);

type Within = '$facet' | '$lookup' | '$unionWith';

/** A facet's name as a field path's: MongoDB checks it with FieldPath::validateFieldName. */
function checkFacetName(name: string): void {
  const problem =
    name === ''
      ? (['Location15998', 'may not be empty strings'] as const)
      : name.startsWith('$')
        ? (['Location16410', "may not start with '$'"] as const)
        : name.includes('.')
          ? (['Location16412', "may not contain '.'"] as const)
          : undefined;
  if (problem) {
    throw new CommandError(
      problem[0],
      `$facet pipeline names must follow the naming rules of field path expressions. :: caused by :: FieldPath field names ${problem[1]}.`,
    );
  }
}

/** The named sub-pipelines of a `$facet`, after the checks mongod makes on their shape. */
function facetPipelines(spec: unknown): Document[][] {
  if (!isPlainObject(spec) || Object.keys(spec).length === 0) {
    throw new CommandError('Location40169', 'the $facet specification must be a non-empty object');
  }
  return Object.entries(spec).map(([name, pipeline]) => {
    checkFacetName(name);
    if (!Array.isArray(pipeline)) {
      throw new CommandError('Location40170', `arguments to $facet must be arrays, ${name} is not`);
    }
    if (!pipeline.every(isPlainObject)) {
      throw new CommandError(
        'Location40171',
        `elements of arrays in $facet spec must be non-empty objects, ${name} argument contained another type`,
      );
    }
    return pipeline as Document[];
  });
}

function subPipelines(name: string, spec: unknown): [Within, Document[]][] {
  if (name === '$facet') return facetPipelines(spec).map((p) => ['$facet', p]);
  if ((name === '$lookup' || name === '$unionWith') && isPlainObject(spec)) {
    const pipeline: unknown = spec.pipeline;
    if (Array.isArray(pipeline)) return [[name, pipeline.filter(isPlainObject) as Document[]]];
  }
  return [];
}

function refuse(name: string, within: Within | undefined): CommandError | undefined {
  if (within === '$facet' && NOT_IN_FACET.has(name)) {
    return new CommandError(
      'Location40600',
      `${name} is not allowed to be used within a $facet stage`,
    );
  }
  if (within === '$lookup' && OUTPUTS.has(name)) {
    return new CommandError(
      'Location51047',
      `${name} is not allowed within a $lookup's sub-pipeline`,
    );
  }
  if (within === '$unionWith' && OUTPUTS.has(name)) {
    return new CommandError(
      'Location31441',
      `${name} is not allowed within a $unionWith's sub-pipeline`,
    );
  }
  return undefined;
}

/** Whether a filter holds `$near` or `$nearSphere` anywhere. */
function holdsNear(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsNear);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(
    ([k, v]) => k === '$near' || k === '$nearSphere' || holdsNear(v),
  );
}

/** The expressions of the stages that hold them, as mongod parses them. */
function checkStageExpressions(name: string, spec: unknown): void {
  if (!isPlainObject(spec)) return;
  if (name === '$addFields' || name === '$set') {
    for (const value of Object.values(spec)) checkExpression(value);
  } else if (name === '$project') {
    // 0/1/true/false include or exclude; anything else is an expression (or a nested projection).
    for (const value of Object.values(spec)) {
      if (typeof value !== 'boolean' && !isNumeric(value)) checkExpression(value);
    }
  } else if (name === '$group') checkGroup(spec);
  else if (name === '$replaceRoot') checkExpression(spec.newRoot);
}

/**
 * What mongod checks in a pipeline before it reads anything, and mingo only meets as documents
 * flow (or runs anyway), so that a pipeline localdb answers does not fail on MongoDB: where
 * stages may stand (`$out` and `$merge` only last and never inside a `$lookup`, `$unionWith` or
 * `$facet`, sources such as `$documents` only first, no `$facet` inside another, `$text` only in
 * an opening `$match`), a `$facet`'s shape, and the expressions of `$match`'s `$expr`,
 * `$project`, `$addFields`/`$set`, `$group` and `$replaceRoot`.
 */
export function checkPipeline(pipeline: readonly Document[], within?: Within): void {
  pipeline.forEach((stage, at) => {
    const [name = ''] = Object.keys(stage);
    checkStageExpressions(name, stage[name]);
    if (name === '$match' && isPlainObject(stage.$match)) {
      checkFilterExpressions(stage.$match);
      if (holdsNear(stage.$match)) {
        throw new CommandError(
          'Location5626500',
          '$geoNear, $near, and $nearSphere are not allowed in this context, as these operators require sorting geospatial data. If you do not need sort, consider using $geoWithin instead.',
        );
      }
      if ((at > 0 || within) && splitText(stage.$match)) {
        throw new CommandError(
          'Location17313',
          '$match with $text is only allowed as the first pipeline stage',
        );
      }
    }
    const refused = refuse(name, within);
    if (refused) throw refused;
    if (FIRST_ONLY.has(name) && at > 0) {
      throw new CommandError(
        'Location40602',
        `${name} is only valid as the first stage in a pipeline.`,
      );
    }
    if (OUTPUTS.has(name) && at < pipeline.length - 1) {
      throw new CommandError(
        'Location40601',
        `${name} can only be the final stage in the pipeline`,
      );
    }
    for (const [inner, sub] of subPipelines(name, stage[name])) checkPipeline(sub, inner);
  });
}
