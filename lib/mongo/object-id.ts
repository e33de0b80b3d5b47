import { ObjectId } from 'mongodb';
import * as z from 'zod/mini';

/**
 * A path/query id that must be an ObjectId: validated as 24 hex characters (so `new ObjectId`
 * never throws a BSONError deep in a handler) and parsed into an ObjectId.
 */
export const objectIdString = z.pipe(
  z.string().check(z.regex(/^[0-9a-fA-F]{24}$/, 'must be a 24-character hexadecimal ObjectId')),
  z.transform((hex: string) => ObjectId.createFromHexString(hex)),
);
