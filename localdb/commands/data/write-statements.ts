import type { Document } from 'bson';
import { CommandError, ErrorCode } from '../../errors.ts';
import { fromMingo } from '../../query/mingo-errors.ts';
import type { StatementLog } from '../../transactions/index.ts';

/**
 * Runs a write command's statements one by one. A failing statement becomes a `writeErrors`
 * entry (index, code, errmsg and MongoDB's extra fields); ordered writes stop at the first one.
 * A WriteConflict fails the whole command (mongod throws it; inside a transaction the driver
 * needs it top-level with its TransientTransactionError label). With a retryable write's `log`,
 * statements applied before answer their recorded outcome instead of running again.
 */
export function runStatements<T, R>(
  statements: readonly T[],
  ordered: boolean,
  run: (statement: T, index: number) => R,
  tally: (outcome: R, index: number) => void,
  log?: StatementLog,
): Document[] {
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    const done = log?.replay(i);
    if (done) {
      tally(done.outcome as R, i);
      continue;
    }
    try {
      const outcome = run(statements[i] as T, i);
      log?.record(i, outcome);
      tally(outcome, i);
    } catch (error) {
      if (error instanceof CommandError && error.code === ErrorCode.WriteConflict) throw error;
      const commandError = error instanceof CommandError ? error : fromMingo(error);
      const { codeName: _codeName, ...entry } = commandError.toWriteError(i);
      writeErrors.push(entry);
      if (ordered) break;
    }
  }
  return writeErrors;
}

export function withWriteErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length ? { ...reply, writeErrors } : reply;
}
