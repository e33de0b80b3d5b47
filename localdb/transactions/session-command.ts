import type { CommandHandler } from '../commands/types.ts';
import { CommandError } from '../errors.ts';
import { coordinatorOf } from './coordinator.ts';
import { runInTransaction } from './in-transaction.ts';
import { runOutsideTransaction } from './outside-transaction.ts';
import { isUnacknowledged, RETRYABLE_WRITES, runRetryableWrite } from './retryable-write.ts';

const TXN_CONTROL: ReadonlySet<string> = new Set(['commitTransaction', 'abortTransaction']);

/**
 * Wraps a data command with the session semantics of its lsid / txnNumber / autocommit: a
 * transaction statement, a retryable write, or a plain command that respects transactions' locks.
 */
export function withSessionSemantics(name: string, handler: CommandHandler): CommandHandler {
  return (command, context) => {
    const coordinator = coordinatorOf(context.engine);
    const { sessions } = context.server;
    coordinator.expire(sessions);
    const { sessionId, txnNumber } = context;
    if (TXN_CONTROL.has(name) && context.db !== 'admin') {
      throw new CommandError('Unauthorized', `${name} may only be run against the admin database.`);
    }
    if (sessionId !== undefined && txnNumber !== undefined) {
      const scoped = { ...context, sessionId, txnNumber };
      if (context.autocommit === false) {
        return runInTransaction(coordinator, name, command, scoped, handler, sessions);
      }
      if (RETRYABLE_WRITES.has(name) && !isUnacknowledged(command)) {
        return runRetryableWrite(coordinator, name, command, scoped, handler, sessions);
      }
    }
    return runOutsideTransaction(coordinator, name, command, context, handler, sessions);
  };
}

/** commitTransaction / abortTransaction reach their handler only outside a transaction. */
export const transactionControl =
  (name: string): CommandHandler =>
  () => {
    throw new CommandError('InvalidOptions', `${name} must be run within a transaction`);
  };
