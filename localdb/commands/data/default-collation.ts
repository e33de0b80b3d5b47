import { type Collation, parseCollation } from '../../query/collation.ts';
import type { Collection } from '../../storage/collection.ts';

/**
 * The collation an operation runs under: the one it gives (`{ locale: 'simple' }` for binary
 * comparison), else its collection's default from `create`, as mongod applies it.
 */
export function collationFor(
  given: unknown,
  collection: Collection | undefined,
): Collation | undefined {
  return parseCollation(given !== undefined ? given : collection?.options.collation);
}
