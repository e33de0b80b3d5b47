import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { canonicalKey } from '../../query/canonical-key.ts';
import { applyUpdate } from '../../query/update.ts';
import { isOperatorUpdate } from '../../query/update-checks.ts';
import { withIdFirst } from '../../storage/document-id.ts';
import { formatValue } from '../../storage/format-key.ts';
import { upsertSeed } from './upsert-seed.ts';

export interface ModifyArgs {
  readonly filter: Document;
  readonly update: Document | Document[];
  readonly arrayFilters?: Document[] | undefined;
  readonly variables?: Document | undefined;
}

function checkReplacement(replacement: Document): void {
  for (const key of Object.keys(replacement)) {
    if (key.startsWith('$')) {
      throw new CommandError(
        'DollarPrefixedFieldName',
        `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
    }
  }
}

/** The new version of `doc` under an update (operators, pipeline or replacement); `doc` itself when unchanged. */
export function modified(doc: Document, args: ModifyArgs): Document {
  if (isOperatorUpdate(args.update)) {
    return applyUpdate(doc, args.update, {
      filter: args.filter,
      arrayFilters: args.arrayFilters,
      variables: args.variables,
      inserting: false,
    });
  }
  const replacement = args.update as Document;
  checkReplacement(replacement);
  if (replacement._id !== undefined && canonicalKey(replacement._id) !== canonicalKey(doc._id)) {
    throw new CommandError(
      'ImmutableField',
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(replacement._id)}`,
    );
  }
  const { _id: _ignored, ...fields } = replacement;
  return { _id: doc._id, ...fields };
}

/** The document an upsert inserts when nothing matched. */
export function upserted(args: ModifyArgs): Document {
  const seed = upsertSeed(args.filter);
  if (isOperatorUpdate(args.update)) {
    const update = args.update as Document;
    // mingo refuses any write to _id; an upsert may set it, so it goes into the seed instead.
    const id = Array.isArray(update) ? undefined : (update.$set?._id ?? update.$setOnInsert?._id);
    if (id !== undefined && seed._id === undefined) seed._id = id;
    const built = applyUpdate(seed, args.update, {
      filter: args.filter,
      arrayFilters: args.arrayFilters,
      variables: args.variables,
      inserting: true,
    });
    return withIdFirst(built);
  }
  const replacement = args.update as Document;
  checkReplacement(replacement);
  return withIdFirst(
    seed._id !== undefined && replacement._id === undefined
      ? { _id: seed._id, ...replacement }
      : replacement,
  );
}
