import {
  MongoError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { DatabaseTimeoutError } from '#lib/mongo/errors.ts';
import { isTransientMongoError } from '#lib/mongo/transient-errors.ts';
import { ApiError } from './errors.ts';

/** MongoDB server error codes the API answers specially (error_codes.yml). */
export const MongoCode = Object.freeze({
  MaxTimeMSExpired: 50,
  DocumentValidationFailure: 121,
  DuplicateKey: 11000,
});

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

function unavailable(cause: unknown): ApiError {
  return new ApiError(503, 'The database is temporarily unavailable', {
    type: 'database-unavailable',
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    expose: true,
    cause,
  });
}

/** The field(s) of a duplicate key error, from keyPattern (or keyValue), never from errmsg. */
function duplicateFields(error: MongoServerError): string[] {
  const source = (error.keyPattern ?? error.keyValue ?? {}) as Record<string, unknown>;
  return Object.keys(source);
}

/** DNS codes of node:dns (c-ares); a mongodb+srv:// URI resolves its hosts at connect. */
const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEOUT',
  'ESERVFAIL',
  'ECONNREFUSED',
  'ENODATA',
]);

/** A failed SRV/TXT lookup: the driver rethrows node's DNS error as is, not as a MongoError. */
function isDnsFailure(error: unknown): boolean {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  return (
    error instanceof Error &&
    typeof syscall === 'string' &&
    /^(querySrv|queryTxt|getaddrinfo)$/.test(syscall) &&
    DNS_CODES.has(String(code))
  );
}

/**
 * Maps a driver error to an ApiError using the driver's classes and server codes, or returns
 * undefined when the error is not a database condition the client should hear about.
 */
export function mapMongoError(error: unknown): ApiError | undefined {
  if (error instanceof DatabaseTimeoutError) return unavailable(error);
  if (isDnsFailure(error)) return unavailable(error);
  if (!(error instanceof MongoError)) return undefined;
  if (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoOperationTimeoutError ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoTopologyClosedError ||
    error.code === MongoCode.MaxTimeMSExpired ||
    isTransientMongoError(error) // e.g. a stepdown outlasting the driver's one retry
  ) {
    return unavailable(error);
  }
  if (error instanceof MongoServerError && error.code === MongoCode.DuplicateKey) {
    const fields = duplicateFields(error);
    const named = fields.length > 0 ? fields.join(', ') : 'a unique field';
    return new ApiError(409, `A document with the same ${named} already exists`, {
      type: 'duplicate-key',
      errors: fields.map((field) => ({ pointer: `/body/${field}`, detail: 'must be unique' })),
      cause: error,
    });
  }
  if (error instanceof MongoServerError && error.code === MongoCode.DocumentValidationFailure) {
    return new ApiError(422, 'The document failed the collection validation rules', {
      type: 'document-validation-failed',
      cause: error,
    });
  }
  return undefined;
}
