import type { CollationOptions, IndexDescription } from 'mongodb';

/**
 * A model's `collation` (MongoDB's own: `locale`, `strength`, `numericOrdering`, ...) is how its
 * strings compare and sort, as Mongoose's schema `collation` is: the runner sends it with every
 * operation of the model but inserts (runner.ts), and its indexes are built with it, so a sort
 * or a range on a string field still walks an index (MongoDB uses an index for strings only
 * under the collation it was built with). `{ locale: 'en', strength: 2 }` sorts "de Camp"
 * between "Clarke" and "Delany" and matches "ADA" to "Ada"; without one, strings compare by code
 * point ("Zelazny" before "de Camp").
 *
 * Not with a text index: MongoDB builds text indexes with the simple collation only, and how it
 * runs `$text` under another is not something this project can check without a real server.
 */
export function collatedIndexes(
  model: string,
  indexes: readonly IndexDescription[],
  collation: CollationOptions | undefined,
): readonly IndexDescription[] {
  if (collation === undefined) return indexes;
  if (typeof collation.locale !== 'string' || collation.locale === 'simple')
    throw new Error(`model ${model}: a collation names its locale (and not "simple")`);
  const keysOf = (index: IndexDescription) =>
    index.key instanceof Map ? [...index.key.values()] : Object.values(index.key);
  if (indexes.some((index) => keysOf(index).includes('text')))
    throw new Error(`model ${model}: a collation and a text index do not go together`);
  return indexes.map((index) => (index.collation ? index : { ...index, collation }));
}
