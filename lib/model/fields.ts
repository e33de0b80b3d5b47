import { Decimal128, ObjectId } from 'mongodb';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';

/**
 * Field types that JSON cannot carry natively. Each accepts the BSON value (code paths) or its
 * JSON form (the API edge: 24-hex string, ISO 8601 string, decimal string) and always outputs
 * the BSON value, so documents are stored as real ObjectId/Date/Decimal128. The registry tells the schema generators
 * (bson-schema.ts, json-schema.ts) what to emit for them. Built with zod/mini; they sit in
 * classic (`zod`) object schemas just as well.
 */
export type BsonKind = 'objectId' | 'date' | 'decimal';

/** What the generators need of a field: its kind, and for decimals their pattern and bounds. */
export interface BsonKindMeta {
  readonly bsonKind: BsonKind;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}
export const bsonKinds = z.registry<BsonKindMeta>();

const HEX_ID = /^[0-9a-fA-F]{24}$/;

// A union's own message is what a failing request reads (zod's default is "Invalid input").
const OBJECT_ID = 'must be a 24-character hexadecimal ObjectId';

export function objectId() {
  const schema = z.union(
    [
      z.instanceof(ObjectId),
      z.pipe(
        z.string().check(z.regex(HEX_ID, OBJECT_ID)),
        z.transform((hex: string) => ObjectId.createFromHexString(hex)),
      ),
    ],
    OBJECT_ID,
  );
  bsonKinds.add(schema, { bsonKind: 'objectId' });
  return schema;
}

const DATE_TIME = 'must be an ISO 8601 date-time';

export function date() {
  const schema = z.union(
    [
      z.date(),
      z.pipe(
        z.iso.datetime({ offset: true, message: DATE_TIME }),
        z.transform((iso: string) => new Date(iso)),
      ),
    ],
    DATE_TIME,
  );
  bsonKinds.add(schema, { bsonKind: 'date' });
  return schema;
}

const DecimalOptions = z.strictObject({
  /** At most this many digits after the point (2 for most currencies). */
  scale: z.optional(z.int().check(z.minimum(0), z.maximum(34))),
  /** Bounds, inclusive; compared as doubles (exact for bounds of up to 15 significant digits). */
  min: z.optional(z.number()),
  max: z.optional(z.number()),
});
export type DecimalOptions = z.input<typeof DecimalOptions>;

/**
 * A decimal128 (money, measures: MongoEngine's DecimalField, Mongoose's Decimal128). At the API
 * edge it is a string ("19.99"): a JSON number is refused, since JSON.parse has already rounded
 * it to a double; responses carry the same string form (lib/http/serialize.ts).
 */
export function decimal(options: DecimalOptions = {}) {
  const { scale, min, max } = z.parse(DecimalOptions, options);
  const fraction = scale === undefined ? '\\d+' : `\\d{1,${scale}}`;
  // No leading zeros: the string a response carries is the one the request sent.
  const integer = '-?(0|[1-9]\\d*)';
  const pattern = scale === 0 ? `^${integer}$` : `^${integer}(\\.${fraction})?$`;
  const written =
    scale === undefined
      ? 'must be a decimal number written as a string, e.g. "19.99"'
      : `must be a decimal number with at most ${scale} decimal places, written as a string`;
  const value = (d: Decimal128) => Number(d.toString());
  const schema = z
    .union(
      [
        z.instanceof(Decimal128),
        z.pipe(
          z.string().check(
            z.regex(new RegExp(pattern), written),
            // decimal128 holds 34 digits; more would have to be rounded (Decimal128 throws).
            z.refine(
              (text) => text.replace(/[-.]/g, '').replace(/^0+/, '').length <= 34,
              'must have at most 34 significant digits',
            ),
          ),
          z.transform((text: string) => Decimal128.fromString(text)),
        ),
      ],
      // A string gets its own branch's reason (too many digits, say), anything else the format.
      {
        error: (issue) =>
          (typeof issue.input === 'string' &&
            (issue as { errors?: { message: string }[][] }).errors?.[1]?.[0]?.message) ||
          written,
      },
    )
    .check(
      z.refine((d) => min === undefined || value(d) >= min, `must be at least ${min}`),
      z.refine((d) => max === undefined || value(d) <= max, `must be at most ${max}`),
    );
  bsonKinds.add(schema, {
    bsonKind: 'decimal',
    pattern,
    ...(min === undefined ? {} : { minimum: min }),
    ...(max === undefined ? {} : { maximum: max }),
  });
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
