import { ObjectId } from 'mongodb';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';

/**
 * Field types that JSON cannot carry natively. Each accepts the BSON value (code paths) or its
 * JSON form (the API edge: 24-hex string, ISO 8601 string) and always outputs the BSON value,
 * so documents are stored as real ObjectId/Date. The registry tells the schema generators
 * (bson-schema.ts, json-schema.ts) what to emit for them. Built with zod/mini; they sit in
 * classic (`zod`) object schemas just as well.
 */
export type BsonKind = 'objectId' | 'date';
export const bsonKinds = z.registry<{ bsonKind: BsonKind }>();

const HEX_ID = /^[0-9a-fA-F]{24}$/;

export function objectId() {
  const schema = z.union([
    z.instanceof(ObjectId),
    z.pipe(
      z.string().check(z.regex(HEX_ID, 'must be a 24-character hexadecimal ObjectId')),
      z.transform((hex: string) => ObjectId.createFromHexString(hex)),
    ),
  ]);
  bsonKinds.add(schema, { bsonKind: 'objectId' });
  return schema;
}

export function date() {
  const schema = z.union([
    z.date(),
    z.pipe(
      z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
      z.transform((iso: string) => new Date(iso)),
    ),
  ]);
  bsonKinds.add(schema, { bsonKind: 'date' });
  return schema;
}

/** A lower-cased, trimmed e-mail address of at most `max` characters. */
export function email(max = 254) {
  return z.email('must be an e-mail address').check(z.maxLength(max), z.trim(), z.toLowerCase());
}

/** Finds the BSON kind of a schema, looking through optional/nullable/default wrappers. */
export function bsonKindOf(schema: core.$ZodType): BsonKind | undefined {
  return bsonKinds.get(schema)?.bsonKind;
}
