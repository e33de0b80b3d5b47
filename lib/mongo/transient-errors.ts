import { MongoError } from 'mongodb';

/**
 * Server error codes that mean "this node cannot serve you right now" (a primary stepping
 * down or shutting down, an election, a network hiccup between nodes): the codes the
 * retryable reads/writes specifications retry on. The driver retries once; when the
 * condition outlasts that retry, the client should retry later (503), not see a 500.
 */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  134, // ReadConcernMajorityNotAvailableYet
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** True for a driver error a later retry may well get past (see TRANSIENT_CODES). */
export function isTransientMongoError(error: unknown): boolean {
  if (!(error instanceof MongoError)) return false;
  if (typeof error.code === 'number' && TRANSIENT_CODES.has(error.code)) return true;
  return error.hasErrorLabel('RetryableWriteError');
}
