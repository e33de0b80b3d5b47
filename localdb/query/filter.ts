import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { CommandError } from '../errors.ts';
import { checkFilterExpressions } from './expression-check.ts';
import { queryOptions } from './query-options.ts';
import { splitText } from './text/split-text.ts';
import { toView } from './view.ts';

/** Compiles a query filter for mingo (on views); throws for unknown operators even on empty collections. */
export function compileFilter(filter: Document, variables?: Document): Query {
  checkFilterExpressions(filter);
  // Collections answer `$text` themselves (Collection.match); here there is no text index.
  if (splitText(filter)) {
    throw new CommandError('IndexNotFound', 'text index required for $text query');
  }
  return new Query(
    toView(filter) as Document,
    queryOptions(variables ? { variables: toView(variables) as Document } : {}),
  );
}
