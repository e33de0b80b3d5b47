import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { CollationSpec } from 'mingo/types';
import { CommandError } from '../errors.ts';
import { checkFilterExpressions } from './expression-check.ts';
import { normalizeFilter } from './filter-normalize.ts';
import { requireGeoIndex, splitNear } from './geo/near.ts';
import { queryOptions } from './query-options.ts';
import { withMongoRegExps } from './regex.ts';
import { splitText } from './text/split-text.ts';
import { toView } from './view.ts';

/**
 * Compiles a query filter for mingo (on views); throws for unknown operators even on empty
 * collections. Under a `collation` (its document), ranges compare strings in its order.
 */
export function compileFilter(given: Document, variables?: Document, collation?: Document): Query {
  const filter = normalizeFilter(given);
  checkFilterExpressions(filter);
  // Collections answer `$text` and `$near` themselves (Collection.match); here there is no index.
  if (splitText(filter)) {
    throw new CommandError('IndexNotFound', 'text index required for $text query');
  }
  const near = splitNear(filter);
  if (near) requireGeoIndex([], near.near.path);
  return new Query(
    withMongoRegExps(toView(filter) as Document),
    queryOptions({
      ...(variables ? { variables: toView(variables) as Document } : {}),
      ...(collation ? { collation: collation as CollationSpec } : {}),
    }),
  );
}
