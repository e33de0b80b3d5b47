import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { compareBson } from '../../query/compare.ts';
import { getPath, isPlainObject } from '../../query/paths.ts';
import type { Collection } from '../../storage/collection.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';

/** Which documents lie between min and max, and the index order mongod answers them in. */
export interface IndexBounds {
  readonly within: (stored: StoredDoc) => boolean;
  readonly order: Document;
}

/** The key pattern a hint names (by name or by pattern), if it names an index of `collection`. */
function hintedKey(collection: Collection, hint: unknown): Document | undefined {
  const specs = collection.indexSpecs();
  if (typeof hint === 'string') return specs.find((s) => s.name === hint)?.key;
  if (!isPlainObject(hint)) return undefined;
  const wanted = JSON.stringify(Object.keys(hint));
  return specs.find((s) => JSON.stringify(Object.keys(s.key)) === wanted)?.key;
}

/** -1, 0 or 1: the document's key on `pattern` against a bound, with the index's directions. */
function compareKey(doc: Document, bound: Document, pattern: Document): number {
  for (const [field, direction] of Object.entries(pattern)) {
    const order = compareBson(getPath(doc, field) ?? null, bound[field]);
    if (order !== 0) return Number(direction) < 0 ? -order : order;
  }
  return 0;
}

/**
 * find's `min` (inclusive) and `max` (exclusive): bounds on the keys of the hinted index, as
 * mongod applies them; undefined when the command has neither. mongod requires the hint and
 * bounds on exactly the index's fields, in order.
 */
export function indexBounds(
  command: Document,
  collection: Collection | undefined,
): IndexBounds | undefined {
  const { min, max } = command;
  if (min === undefined && max === undefined) return undefined;
  if (command.hint === undefined)
    throw new CommandError(
      'Location51173',
      'When using min()/max() a hint of which index to use must be provided',
    );
  if (!collection) return { within: () => false, order: {} };
  const pattern = hintedKey(collection, command.hint);
  const fields = pattern ? JSON.stringify(Object.keys(pattern)) : '';
  for (const bound of [min, max]) {
    if (bound === undefined) continue;
    if (!isPlainObject(bound) || JSON.stringify(Object.keys(bound)) !== fields)
      throw new CommandError(
        'Location51174',
        'The index key pattern must match the min/max fields',
      );
  }
  const key = pattern as Document;
  return {
    within: ({ doc }) =>
      (min === undefined || compareKey(doc, min, key) >= 0) &&
      (max === undefined || compareKey(doc, max, key) < 0),
    order: key,
  };
}
