import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { checkFilterExpressions } from './expression-check.ts';
import { queryOptions } from './query-options.ts';
import { toView } from './view.ts';

/** Compiles a query filter for mingo (on views); throws for unknown operators even on empty collections. */
export function compileFilter(filter: Document, variables?: Document): Query {
  checkFilterExpressions(filter);
  return new Query(
    toView(filter) as Document,
    queryOptions(variables ? { variables: toView(variables) as Document } : {}),
  );
}
