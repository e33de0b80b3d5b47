import { msLeft, withDeadline } from '#lib/mongo/deadline.ts';
import type { ModelContext } from './types.ts';

/**
 * Runs `work` in a transaction on the cached client of the context's database, with the
 * driver's `session.withTransaction` (which retries on TransientTransactionError and
 * UnknownTransactionCommitResult). Models bound to the context `work` receives join it. The
 * whole transaction, retries and commit included, stays within the invocation's budget.
 */
export async function withTransaction<R>(
  context: ModelContext,
  work: (tx: ModelContext) => Promise<R>,
): Promise<R> {
  const { budget } = context;
  return withDeadline(budget, () =>
    context.db.client.withSession((session) =>
      session.withTransaction(() => work({ ...context, session }), {
        maxCommitTimeMS: msLeft(budget),
      }),
    ),
  );
}
