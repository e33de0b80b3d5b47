import { calculateObjectSize, type Document } from 'bson';
import { CommandError } from '../errors.ts';
import { isNumeric, toNumber } from '../query/bson-type.ts';
import type { Collection } from './collection.ts';

/** A capped collection's limits: bytes of documents, and optionally how many. */
export interface CappedLimits {
  readonly maxSize: number;
  readonly max: number | undefined;
}

/** mongod's cap: at least 4096 bytes, else the size rounded up to a multiple of 256. */
function cappedSize(size: number): number {
  return size <= 4096 ? 4096 : Math.ceil(size / 256) * 256;
}

/** The limits of a collection created with these options (undefined: not capped). */
export function cappedLimits(options: Document): CappedLimits | undefined {
  if (options.capped !== true) return undefined;
  const max =
    isNumeric(options.max) && toNumber(options.max) > 0 ? toNumber(options.max) : undefined;
  return { maxSize: cappedSize(toNumber(options.size)), max };
}

/** Checks `capped`, `size` and `max` as create receives them. */
export function checkCappedOptions(options: Document): void {
  const { capped, size, max } = options;
  if (capped === undefined || capped === false) return;
  if (capped !== true)
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'create.capped' is the wrong type, expected type 'bool'",
    );
  if (!isNumeric(size))
    throw new CommandError('InvalidOptions', "the 'size' field is required when 'capped' is true");
  if (toNumber(size) <= 0 || toNumber(size) > 2 ** 50)
    throw new CommandError(
      'BadValue',
      "'size' field must be a positive number no greater than 1 PB",
    );
  if (max !== undefined && !isNumeric(max))
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'create.max' is the wrong type, expected a number",
    );
}

/** A document's size as a capped collection counts it (its BSON size). */
export const storedSize = (doc: Document): number => calculateObjectSize(doc);

/** Refuses a document that alone exceeds the cap (mongod: 10003). */
export function checkFitsCap(limits: CappedLimits, doc: Document): void {
  const size = storedSize(doc);
  if (size > limits.maxSize) {
    throw new CommandError(
      'BadValue',
      `object to insert exceeds cappedMaxSize: ${size} > ${limits.maxSize}`,
    );
  }
}

/** A capped collection past its size or count gives up its oldest documents (insertion order). */
export function evictOldest(
  collection: Collection,
  capped: CappedLimits,
  remove: (id: string) => void,
): void {
  for (const oldest of collection.docs.values()) {
    const over =
      collection.cappedBytes > capped.maxSize ||
      (capped.max !== undefined && collection.docs.size > capped.max);
    if (!over) return;
    remove(oldest.id);
  }
}
