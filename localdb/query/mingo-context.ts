import { Context } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import type { PipelineOperator, QueryOperator } from 'mingo/types';
import * as COMPARISONS from './comparison-operators.ts';
import * as CONVERSIONS from './conversion-operators.ts';
import * as DATE_ARITHMETIC from './date-arithmetic.ts';
import * as DATES from './date-operators.ts';
import { $elemMatch } from './elem-match-projection.ts';
import { $facet } from './facet-operator.ts';
import { $all } from './filter-normalize.ts';
import { $geoIntersects, $geoWithin } from './geo/operators.ts';
import { $lookup } from './lookup-operator.ts';
import * as MATH from './math-operators.ts';
import { $mod } from './mod-operator.ts';
import * as RANGES from './range-operators.ts';
import { $regex } from './regex-operator.ts';
import * as STAGE_FIXES from './stage-fixes.ts';
import * as STRICT from './strict-expressions.ts';
import * as STRINGS from './string-operators.ts';
import { $type } from './type-operator.ts';
import { $bucket } from './typed/bucket-stage.ts';
import { $addFields, $set } from './typed/field-stages.ts';
import { $group, $sortByCount } from './typed/group-stage.ts';
import { $replaceRoot, $replaceWith } from './typed/replace-root-stage.ts';
import { $type as $typeExpression } from './typed/type-expression.ts';
import { $unwind } from './typed/unwind-stage.ts';

/**
 * Every mingo operator, with localdb's replacements registered first: Context.init takes the
 * given table as is, whereas mingo's default entry point would merge its own `$sort` over ours.
 */
export const LOCALDB_CONTEXT = Context.init({
  accumulator,
  expression: {
    ...expression,
    ...COMPARISONS,
    ...CONVERSIONS,
    ...DATES,
    ...DATE_ARITHMETIC,
    ...MATH,
    ...STRICT,
    ...STRINGS,
    $type: $typeExpression,
  },
  pipeline: {
    ...pipeline,
    ...(STAGE_FIXES as unknown as Record<string, PipelineOperator>),
    ...({
      $lookup,
      $facet,
      $bucket,
      $group,
      $sortByCount,
      $addFields,
      $set,
      $unwind,
      $replaceRoot,
      $replaceWith,
    } as unknown as Record<string, PipelineOperator>),
  },
  projection: { ...projection, $elemMatch },
  query: {
    ...query,
    ...({ ...RANGES, $type, $mod, $all, $regex, $geoWithin, $geoIntersects } as unknown as Record<
      string,
      QueryOperator
    >),
  },
  window,
});
