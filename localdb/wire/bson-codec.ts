import { BSONError, type DeserializeOptions, type Document, deserialize, serialize } from 'bson';
import { WireProtocolError } from './wire-error.ts';

/**
 * Requests are parsed with promoteValues/promoteLongs off so int32, int64, double and decimal128 stay
 * distinct classes (Int32, Long, Double, Decimal128) and a stored 1.0 double comes back a double; regexes
 * stay BSONRegExp so flags MongoDB supports but JS does not survive. Strings, booleans, dates, null stay
 * plain JS values. Handlers read numbers with Number(x) (Int32/Double/Long all have valueOf).
 */
export const REQUEST_DESERIALIZE_OPTIONS = Object.freeze({
  useBigInt64: false,
  promoteLongs: false,
  promoteValues: false,
  promoteBuffers: false,
  bsonRegExp: true,
} as const);

/** Parses one BSON document occupying exactly `bytes`; any defect is a WireProtocolError. */
export function decodeDocument(
  bytes: Uint8Array,
  what: string,
  options: DeserializeOptions = REQUEST_DESERIALIZE_OPTIONS,
): Document {
  if (bytes.byteLength < 5)
    throw new WireProtocolError(`${what}: BSON document shorter than 5 bytes`);
  const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(0, true);
  if (declared !== bytes.byteLength) {
    throw new WireProtocolError(
      `${what}: BSON length ${declared} does not match the ${bytes.byteLength} bytes available`,
    );
  }
  try {
    return deserialize(bytes, options);
  } catch (error) {
    const reason =
      error instanceof BSONError || error instanceof Error ? error.message : String(error);
    throw new WireProtocolError(`${what}: invalid BSON (${reason})`, { cause: error });
  }
}

/** Reads the int32 length prefix of the BSON document at `offset`, checking it fits in `bytes`. */
export function documentLengthAt(bytes: Uint8Array, offset: number, what: string): number {
  if (offset + 4 > bytes.byteLength)
    throw new WireProtocolError(`${what}: truncated before a document`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(
    offset,
    true,
  );
  if (length < 5 || offset + length > bytes.byteLength) {
    throw new WireProtocolError(
      `${what}: document length ${length} runs past the end of the section`,
    );
  }
  return length;
}

export function encodeDocument(document: Document): Uint8Array {
  return serialize(document);
}
