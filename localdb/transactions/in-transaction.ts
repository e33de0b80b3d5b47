import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../commands/types.ts';
import { CommandError } from '../errors.ts';
import { commit } from './commit.ts';
import type { SessionLookup, SessionTxnState, TransactionCoordinator } from './coordinator.ts';
import { transactionEngine } from './engine-view.ts';
import { type Transaction, TxnState } from './transaction.ts';

/** The commands mongod runs inside a multi-document transaction. */
const ALLOWED: ReadonlySet<string> = new Set([
  'find',
  'getMore',
  'killCursors',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'aggregate',
  'distinct',
  'bulkWrite',
  'create',
  'createIndexes',
]);

type TxnContext = CommandContext & { sessionId: string; txnNumber: number };

function notSupported(message: string): CommandError {
  return new CommandError('OperationNotSupportedInTransaction', message);
}

/** The transaction a command with `autocommit: false` belongs to, started when it says so. */
function transactionFor(
  coordinator: TransactionCoordinator,
  context: TxnContext,
  sessions: SessionLookup,
): Transaction {
  const { sessionId, txnNumber } = context;
  const state: SessionTxnState | undefined = coordinator.sessionState(sessionId, sessions);
  if (state && txnNumber < state.txnNumber) {
    throw new CommandError(
      'TransactionTooOld',
      `Cannot start transaction ${txnNumber} on session ${sessionId} because a newer transaction with txnNumber ${state.txnNumber} has already started.`,
    );
  }
  if (context.startTransaction) {
    if (state && txnNumber === state.txnNumber) {
      throw new CommandError(
        'ConflictingOperationInProgress',
        `Transaction with { txnNumber: ${txnNumber} } has already been started on session ${sessionId}.`,
      );
    }
    if (state?.txn) coordinator.end(state.txn, TxnState.Aborted);
    const owner = sessions.get(sessionId);
    const txn = coordinator.begin(sessionId, txnNumber, owner);
    coordinator.sessions.set(sessionId, { owner, txnNumber, txn });
    return txn;
  }
  if (!state?.txn || txnNumber !== state.txnNumber) {
    throw new CommandError(
      'NoSuchTransaction',
      `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${state?.txnNumber ?? -1}`,
    );
  }
  return state.txn;
}

function checkStatement(name: string, command: Document, txn: Transaction, db: string): void {
  if (!ALLOWED.has(name))
    throw notSupported(`Cannot run '${name}' in a multi-document transaction.`);
  if (command.readConcern !== undefined && txn.statements > 0) {
    throw new CommandError(
      'InvalidOptions',
      'Only the first command in a transaction may specify a readConcern',
    );
  }
  if (command.writeConcern !== undefined) {
    throw new CommandError(
      'InvalidOptions',
      'Cannot set write concern after starting a transaction.',
    );
  }
  const last: unknown = Array.isArray(command.pipeline) ? command.pipeline.at(-1) : undefined;
  if (
    name === 'aggregate' &&
    last &&
    typeof last === 'object' &&
    ('$out' in last || '$merge' in last)
  ) {
    throw notSupported(`${'$out' in last ? '$out' : '$merge'} cannot be used in a transaction`);
  }
  const target = typeof command[name] === 'string' ? (command[name] as string) : '';
  if (
    name === 'createIndexes' &&
    !txn.created.has(`${db}.${target}`) &&
    txn.collection(db, target)
  ) {
    throw notSupported(
      `Cannot create new indexes on existing collection ${db}.${target} in a multi-document transaction.`,
    );
  }
}

/**
 * A command of a multi-document transaction (`autocommit: false`): commit, abort, or a statement
 * run against the transaction's snapshot. A failing statement aborts the transaction, as in mongod.
 */
export async function runInTransaction(
  coordinator: TransactionCoordinator,
  name: string,
  command: Document,
  context: TxnContext,
  handler: CommandHandler,
  sessions: SessionLookup,
): Promise<Document> {
  const txn = transactionFor(coordinator, context, sessions);
  if (txn.state === TxnState.Committed) {
    if (name === 'commitTransaction') return {};
    throw new CommandError(
      'TransactionCommitted',
      `Transaction ${txn.txnNumber} has been committed.`,
    );
  }
  if (txn.state === TxnState.Aborted) {
    throw new CommandError(
      'NoSuchTransaction',
      `Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`,
    );
  }
  if (name === 'commitTransaction') {
    // Change events of the commit carry the transaction's lsid and txnNumber.
    const origin = { lsid: context.lsid ?? {}, txnNumber: context.txnNumber };
    coordinator.engine.changes.committing(origin, () => commit(coordinator, txn));
    return {};
  }
  if (name === 'abortTransaction') {
    coordinator.end(txn, TxnState.Aborted);
    return {};
  }
  try {
    checkStatement(name, command, txn, context.db);
    txn.statements += 1;
    const reply = await handler(command, {
      ...context,
      engine: transactionEngine(coordinator, txn),
    });
    if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) {
      coordinator.end(txn, TxnState.Aborted);
    }
    return reply;
  } catch (error) {
    coordinator.end(txn, TxnState.Aborted);
    throw error;
  }
}
