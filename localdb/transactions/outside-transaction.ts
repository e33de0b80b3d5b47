import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../commands/types.ts';
import { CommandError } from '../errors.ts';
import { DocumentLocked, writeConflict } from './conflicts.ts';
import type { SessionLookup, TransactionCoordinator } from './coordinator.ts';
import { observedEngine } from './engine-view.ts';
import { StatementLog, withStatementLog } from './statement-log.ts';

/** How often a writer waiting for a transaction's lock looks again (besides being woken by its end). */
const LOCK_POLL_MS = 50;

function maxTimeMs(command: Document): number | undefined {
  const value = Number(command.maxTimeMS);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Write commands made of statements (their handlers use runStatements with the context's log). */
const BATCHED: ReadonlySet<string> = new Set(['insert', 'update', 'delete', 'bulkWrite']);

/**
 * Runs a command outside any transaction. While transactions are open, its writes check their
 * locks: a write meeting one waits until the transaction ends (or maxTimeMS passes; without it the
 * transaction's lifetime limit ends the wait), then the command reruns. Statements it completed
 * are recorded in a statement log and not run again; if the statement that met the lock had
 * already written something (a multi-document update), it answers WriteConflict instead.
 */
export async function runOutsideTransaction(
  coordinator: TransactionCoordinator,
  name: string,
  command: Document,
  context: CommandContext,
  handler: CommandHandler,
  sessions: SessionLookup,
  retryLog?: StatementLog,
): Promise<Document> {
  const limit = maxTimeMs(command);
  const deadline = Date.now() + (limit ?? coordinator.lifetimeMs + 1_000);
  const version = () => coordinator.history.version;
  const log = retryLog ?? (BATCHED.has(name) ? new StatementLog(new Map(), command) : undefined);
  const scope = (engineContext: CommandContext) =>
    log ? withStatementLog(engineContext, log) : engineContext;
  for (;;) {
    if (coordinator.open.size === 0) return handler(command, scope(context));
    log?.watch(version);
    const start = version();
    try {
      return await handler(command, scope({ ...context, engine: observedEngine(coordinator) }));
    } catch (error) {
      if (!(error instanceof DocumentLocked)) throw error;
      if (version() !== (log?.lastMark ?? start)) throw writeConflict();
      if (Date.now() >= deadline) {
        throw new CommandError(
          'MaxTimeMSExpired',
          'operation exceeded time limit',
          {},
          { cause: error },
        );
      }
      if (context.signal?.aborted) throw error;
      await coordinator.whenTransactionEnds(Math.min(LOCK_POLL_MS, deadline - Date.now()));
      coordinator.expire(sessions);
    }
  }
}
