import type { Document } from 'bson';
import type { SessionFields } from './session-fields.ts';

/** error_codes.yml's RetriableError category: failures a retryable write may be retried after. */
const RETRIABLE_CODES: ReadonlySet<number> = new Set([
  6, 7, 89, 91, 134, 189, 262, 317, 358, 384, 402, 406, 407, 412, 453, 462, 9001, 10107, 11600,
  11602, 13435, 13436, 50915, 91331, 10045600,
]);

/** Codes after which a whole transaction may be retried (WriteConflict, LockTimeout, snapshot errors...). */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  112, 24, 267, 343, 249, 239, 246, 250, 272, 150, 13388,
]);

const NO_SUCH_TRANSACTION = 251;
const INTERNAL_TRANSACTION_NOT_SUPPORTED = 358;
const COMMIT_OR_ABORT: ReadonlySet<string> = new Set(['commitTransaction', 'abortTransaction']);

type Session = Pick<SessionFields, 'txnNumber' | 'autocommit'>;

function isTransient(code: number, hasWriteConcernError: boolean, commitOrAbort: boolean): boolean {
  if (code === INTERNAL_TRANSACTION_NOT_SUPPORTED) return false;
  if (TRANSIENT_CODES.has(code)) return true;
  if (commitOrAbort) return code === NO_SUCH_TRANSACTION && !hasWriteConcernError;
  return RETRIABLE_CODES.has(code) || code === NO_SUCH_TRANSACTION;
}

function numericCode(value: unknown): number | undefined {
  const code = Number(value);
  return value !== undefined && Number.isInteger(code) ? code : undefined;
}

/**
 * The labels mongod's ErrorLabelBuilder puts on a reply: TransientTransactionError inside a
 * transaction, else RetryableWriteError for a retryable write (txnNumber without autocommit) or a
 * commit/abort that failed, or met a write concern error, with a retriable code.
 */
export function serverErrorLabels(name: string, session: Session, reply: Document): string[] {
  const code = reply.ok === 1 ? undefined : numericCode(reply.code);
  const wcCode = numericCode(reply.writeConcernError?.code);
  if (session.txnNumber === undefined || (code === undefined && wcCode === undefined)) return [];
  const commitOrAbort = COMMIT_OR_ABORT.has(name);
  const inTransaction = session.autocommit !== undefined;
  if (
    inTransaction &&
    code !== undefined &&
    isTransient(code, wcCode !== undefined, commitOrAbort)
  ) {
    return ['TransientTransactionError'];
  }
  if (inTransaction && !commitOrAbort) return [];
  const retriable =
    (code !== undefined && RETRIABLE_CODES.has(code)) ||
    (wcCode !== undefined && RETRIABLE_CODES.has(wcCode));
  return retriable ? ['RetryableWriteError'] : [];
}

/**
 * Adds the server's labels to an error reply (or one with a writeConcernError). Labels already there
 * (a fail point's errorLabels, a handler's own) are kept as they are; an empty list is dropped.
 */
export function withErrorLabels(name: string, session: Session, reply: Document): Document {
  if (Array.isArray(reply.errorLabels)) {
    if (reply.errorLabels.length > 0) return reply;
    const { errorLabels: _none, ...rest } = reply;
    return rest;
  }
  const labels = serverErrorLabels(name, session, reply);
  return labels.length > 0 ? { ...reply, errorLabels: labels } : reply;
}
