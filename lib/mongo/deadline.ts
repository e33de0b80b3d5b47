import { DatabaseTimeoutError } from './errors.ts';
import { asNetworkError } from './network-error.ts';

/**
 * The database budget of one invocation: Lambda's remaining time minus a safety margin, so a
 * stalled database is answered with a 503 before Lambda kills the function. Driver 7 dropped
 * `timeoutMS`, so the budget is applied as `maxTimeMS` (server side) plus a client-side race.
 */
export interface TimeBudget {
  /** Milliseconds left for database work when the budget was taken. */
  readonly ms: number;
  readonly deadline: number;
}

export function timeBudget(remainingMs: number, marginMs: number): TimeBudget {
  const ms = Math.max(1, Math.floor(remainingMs - marginMs));
  return Object.freeze({ ms, deadline: Date.now() + ms });
}

/** Milliseconds still available, at least 1 (so maxTimeMS stays valid). */
export function msLeft(budget: TimeBudget): number {
  return Math.max(1, budget.deadline - Date.now());
}

/**
 * Runs `work`, rejecting with DatabaseTimeoutError when the budget runs out first. Raw socket
 * errors the driver let through are rethrown as MongoNetworkError (see network-error.ts).
 */
export async function withDeadline<T>(budget: TimeBudget, work: () => Promise<T>): Promise<T> {
  const left = budget.deadline - Date.now();
  if (left <= 0) throw new DatabaseTimeoutError(budget.ms);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(budget.ms)), left);
  });
  try {
    return await Promise.race([work(), expired]);
  } catch (error) {
    throw asNetworkError(error);
  } finally {
    clearTimeout(timer);
  }
}
