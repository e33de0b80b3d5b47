import { AsyncLocalStorage } from 'node:async_hooks';
import type { Invocation } from './invocation.ts';

/**
 * Which invocation a driver event belongs to: the async context the event is emitted in
 * tells concurrent in-process invocations (tests, local servers) apart; Lambda runs one
 * invocation at a time per container.
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

/**
 * The invocation whose async context this is, while it is in flight. A command of an
 * invocation that already answered (the route outlived middy's early timeout, or the reply
 * arrived after a freeze) is nobody's: it must not be billed to the next invocation. Only an
 * event from a context no invocation ever touched falls back to the one in flight.
 */
export function currentInvocation(): Invocation | undefined {
  const own = storage.getStore();
  if (own !== undefined) return inFlight.has(own) ? own : undefined;
  return onlyInFlight();
}

/** The invocation in flight when there is exactly one (always the case in Lambda). */
export function onlyInFlight(): Invocation | undefined {
  return inFlight.size === 1 ? inFlight.values().next().value : undefined;
}
