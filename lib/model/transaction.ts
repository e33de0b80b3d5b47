import type { ModelContext } from './types.ts';

/**
 * Runs `work` in a transaction on the cached client of the context's database, with the
 * driver's `session.withTransaction` (which retries on TransientTransactionError and
 * UnknownTransactionCommitResult). Models bound to the context `work` receives join it.
 */
export async function withTransaction<R>(
  context: ModelContext,
  work: (tx: ModelContext) => Promise<R>,
): Promise<R> {
  return context.db.client.withSession((session) =>
    session.withTransaction(() => work({ ...context, session })),
  );
}
