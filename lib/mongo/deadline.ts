import { DatabaseTimeoutError } from './errors.ts';
import { asNetworkError } from './network-error.ts';

/**
 * The time budget of one invocation: Lambda's remaining time minus a safety margin, so a stalled
 * database or route is answered with a 503 before Lambda kills the function. Driver 7 dropped
 * `timeoutMS`, so for database work it is applied as `maxTimeMS` (server side) plus a
 * client-side race; lib/http/handler.ts races the whole route against it too.
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
 * One timer per budget (per invocation), shared by every operation raced against it: a timer per
 * operation cost ~2.5 µs of each warm invocation (bench/README.md). Unref'd, so a budget nobody
 * released never holds the process; `releaseBudget` clears it at the end of the invocation.
 */
interface Expiry {
  readonly expired: Promise<never>;
  readonly timer: NodeJS.Timeout;
  /** Database operations racing the budget right now (withDeadline). */
  inFlight: number;
}
const expiries = new WeakMap<TimeBudget, Expiry>();

function expiryOf(budget: TimeBudget): Expiry {
  const known = expiries.get(budget);
  if (known) return known;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DatabaseTimeoutError(budget.ms)),
      budget.deadline - Date.now(),
    );
    timer.unref();
  });
  // Observed only through a race; a budget that runs out after its last race must not be reported.
  expired.catch(() => {});
  const expiry: Expiry = { expired, timer: timer as NodeJS.Timeout, inFlight: 0 };
  expiries.set(budget, expiry);
  return expiry;
}

/** Stops the budget's timer (the invocation is over); later operations get a fresh one. */
export function releaseBudget(budget: TimeBudget): void {
  const known = expiries.get(budget);
  if (!known) return;
  clearTimeout(known.timer);
  expiries.delete(budget);
}

/**
 * Runs `work`, rejecting with DatabaseTimeoutError when the budget runs out first. Raw socket
 * errors the driver let through are rethrown as MongoNetworkError (see network-error.ts).
 */
export async function withDeadline<T>(budget: TimeBudget, work: () => Promise<T>): Promise<T> {
  if (budget.deadline - Date.now() <= 0) throw new DatabaseTimeoutError(budget.ms);
  const expiry = expiryOf(budget);
  expiry.inFlight += 1;
  try {
    return await Promise.race([work(), expiry.expired]);
  } catch (error) {
    throw asNetworkError(error);
  } finally {
    expiry.inFlight -= 1;
  }
}

/**
 * Races a whole route against the same budget (and its one timer): when the budget runs out
 * while a database operation is in flight the answer is DatabaseTimeoutError (database
 * unavailable), otherwise `whenIdle()`'s error (the route itself was too slow).
 */
export function raceBudget<T>(
  budget: TimeBudget,
  work: Promise<T>,
  whenIdle: () => Error,
): Promise<T> {
  const expiry = expiryOf(budget);
  const expired = expiry.expired.catch((error: unknown) => {
    throw expiry.inFlight > 0 ? error : whenIdle();
  });
  return Promise.race([work, expired]);
}
