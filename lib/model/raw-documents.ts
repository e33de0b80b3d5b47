import { BSON, type Collection, type Document, type FindCursor, type WithId } from 'mongodb';

/**
 * Reads ask the driver for raw BSON and decode each document once, here. With command
 * monitoring on (lib/observability), the driver decodes every reply a second time for its
 * CommandSucceededEvent; for a raw find or getMore it keeps the batch as bytes there
 * (`fieldsAsRaw`), so each document is decoded once instead of twice (bench/README.md).
 * Decoded with the collection's own BSON options, as the driver would have.
 */
export const RAW = Object.freeze({ raw: true });

export function rawDecoder<T extends Document>(
  collection: Collection<T>,
): (bytes: unknown) => WithId<T> {
  const o = collection.bsonOptions;
  const options: BSON.DeserializeOptions = {
    promoteLongs: o.promoteLongs,
    promoteValues: o.promoteValues,
    promoteBuffers: o.promoteBuffers,
    bsonRegExp: o.bsonRegExp,
    useBigInt64: o.useBigInt64,
    validation: { utf8: o.enableUtf8Validation !== false },
  };
  return (bytes) => BSON.deserialize(bytes as Uint8Array, options) as WithId<T>;
}

/** One document read raw (`findOne(..., RAW)`), decoded; null stays null. */
export function decodeOne<T extends Document>(
  collection: Collection<T>,
  bytes: unknown,
): WithId<T> | null {
  return bytes === null || bytes === undefined ? null : rawDecoder(collection)(bytes);
}

/** Every document of a raw cursor, decoded. */
export async function decodeAll<T extends Document>(
  collection: Collection<T>,
  cursor: FindCursor<WithId<T>>,
): Promise<WithId<T>[]> {
  const decode = rawDecoder(collection);
  return (await cursor.toArray()).map(decode);
}
