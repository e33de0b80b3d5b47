import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../commands/types.ts';
import { CommandError } from '../errors.ts';
import { DocumentLocked, writeConflict } from './conflicts.ts';
import type { SessionLookup, TransactionCoordinator } from './coordinator.ts';
import { observedEngine } from './engine-view.ts';
import { type StatementLog, withStatementLog } from './statement-log.ts';

/** How often a writer waiting for a transaction's lock looks again (besides being woken by its end). */
const LOCK_POLL_MS = 50;

function maxTimeMs(command: Document): number | undefined {
  const value = Number(command.maxTimeMS);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Runs a command outside any transaction. While transactions are open, its writes check their
 * locks: a write meeting one waits until the transaction ends (or maxTimeMS passes; without it the
 * transaction's lifetime limit ends the wait) and the command reruns from the start, which is safe
 * only while it has applied nothing — otherwise it answers WriteConflict.
 */
export async function runOutsideTransaction(
  coordinator: TransactionCoordinator,
  command: Document,
  context: CommandContext,
  handler: CommandHandler,
  sessions: SessionLookup,
  log?: StatementLog,
): Promise<Document> {
  const limit = maxTimeMs(command);
  const deadline = Date.now() + (limit ?? coordinator.lifetimeMs + 1_000);
  for (;;) {
    const scope = (engineContext: CommandContext) =>
      log ? withStatementLog(engineContext, log) : engineContext;
    if (coordinator.open.size === 0) return handler(command, scope(context));
    const version = coordinator.history.version;
    try {
      return await handler(command, scope({ ...context, engine: observedEngine(coordinator) }));
    } catch (error) {
      if (!(error instanceof DocumentLocked)) throw error;
      if (coordinator.history.version !== version) throw writeConflict();
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
