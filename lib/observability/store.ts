import { AsyncLocalStorage } from 'node:async_hooks';
import type { Invocation } from './invocation.ts';

/**
 * Which invocation a driver event belongs to. Lambda runs one invocation at a time per
 * container, so the one in flight is the answer; concurrent in-process invocations (tests,
 * local servers) are told apart by the async context the event is emitted in.
 */
const storage = new AsyncLocalStorage<Invocation>();
const inFlight = new Set<Invocation>();

/**
 * Marks the invocation as in flight and binds it to the current async context. Called
 * synchronously from the chain's first `before`, so every later step of the middy request
 * (and the driver operations it starts) runs with it.
 */
export function beginInvocation(invocation: Invocation): void {
  inFlight.add(invocation);
  storage.enterWith(invocation);
}

export function endInvocation(invocation: Invocation): void {
  inFlight.delete(invocation);
}

/** The invocation of the current async context, else the only one in flight, else none. */
export function currentInvocation(): Invocation | undefined {
  const own = storage.getStore();
  if (own !== undefined && inFlight.has(own)) return own;
  if (inFlight.size === 1) return inFlight.values().next().value;
  return undefined;
}
