import { MongoError, MongoNetworkError } from 'mongodb';

/** Node socket error codes that mean the connection to the server is gone. */
const SOCKET_GONE: ReadonlySet<string> = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ENOTCONN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_DESTROYED',
  'ERR_SOCKET_CLOSED',
]);

/**
 * A raw socket error that escaped the driver (7.8 rethrows the socket's own error when a
 * write fails while it waits for 'drain') becomes the MongoNetworkError it stands for, so the
 * API answers 503 + Retry-After rather than an opaque 500. Anything else is returned as is.
 */
export function asNetworkError(error: unknown): unknown {
  if (error instanceof MongoError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !SOCKET_GONE.has(code)) return error;
  return new MongoNetworkError(`connection to the database lost (${code})`, { cause: error });
}
