import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../commands/types.ts';
import { CommandError } from '../errors.ts';
import type { SessionLookup, TransactionCoordinator } from './coordinator.ts';
import { runOutsideTransaction } from './outside-transaction.ts';
import { StatementLog } from './statement-log.ts';
import { TxnState } from './transaction.ts';

/** Commands that are retryable writes when they carry a txnNumber outside a transaction. */
export const RETRYABLE_WRITES: ReadonlySet<string> = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'bulkWrite',
]);

/** An unacknowledged write (w: 0) is never retryable, whatever it carries. */
export function isUnacknowledged(command: Document): boolean {
  const w: unknown = command.writeConcern?.w;
  return w !== undefined && w !== null && typeof w !== 'string' && Number(w) === 0;
}

/**
 * A retryable write: applied once per (lsid, txnNumber, stmtId). A newer txnNumber starts a new
 * record (ending any transaction of the session); an older one is TransactionTooOld.
 */
export async function runRetryableWrite(
  coordinator: TransactionCoordinator,
  name: string,
  command: Document,
  context: CommandContext & { sessionId: string; txnNumber: number },
  handler: CommandHandler,
  sessions: SessionLookup,
): Promise<Document> {
  const { sessionId, txnNumber } = context;
  let state = coordinator.sessionState(sessionId, sessions);
  if (state && txnNumber < state.txnNumber) {
    throw new CommandError(
      'TransactionTooOld',
      `Retryable write with txnNumber ${txnNumber} is prohibited on session ${sessionId} because a newer retryable write with txnNumber ${state.txnNumber} has already started on this session.`,
    );
  }
  if (!state || txnNumber > state.txnNumber) {
    if (state?.txn) coordinator.end(state.txn, TxnState.Aborted);
    state = { owner: sessions.get(sessionId), txnNumber, statements: new Map() };
    coordinator.sessions.set(sessionId, state);
  }
  if (!state.statements) {
    throw new CommandError(
      'ConflictingOperationInProgress',
      `Cannot run a retryable write with txnNumber ${txnNumber} on session ${sessionId}: a transaction with that number exists.`,
    );
  }
  const log = new StatementLog(state.statements, command);
  if (name !== 'findAndModify' && name !== 'findandmodify') {
    return runOutsideTransaction(coordinator, name, command, context, handler, sessions, log);
  }
  // findAndModify is one statement: a retry answers the whole original reply.
  const done = log.replay(0);
  if (done) return done.outcome as Document;
  const reply = await runOutsideTransaction(coordinator, name, command, context, handler, sessions);
  log.record(0, reply);
  return reply;
}

/**
 * Whether this (session, txnNumber) is a retryable write that already applied statements: a retry
 * of it (for fail points like onPrimaryTransactionalWrite, which mongod fires only for statements
 * actually written).
 */
export function isRetryOfAppliedWrite(
  coordinator: TransactionCoordinator,
  sessionId: string | undefined,
  txnNumber: number | undefined,
): boolean {
  if (sessionId === undefined || txnNumber === undefined) return false;
  const state = coordinator.sessions.get(sessionId);
  return state?.txnNumber === txnNumber && (state.statements?.size ?? 0) > 0;
}
