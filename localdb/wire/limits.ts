/** The size limits localdb advertises in `hello` and enforces, MongoDB's own values. */
export const WireLimits = Object.freeze({
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  /** mongod accepts command bodies slightly over maxBsonObjectSize (room for the command's own fields). */
  bsonObjectOverhead: 16 * 1024,
} as const);

/** The 16-byte standard message header. */
export const HEADER_SIZE = 16;
