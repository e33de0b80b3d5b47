import { AsyncLocalStorage } from 'node:async_hooks';
import type { Invocation } from './invocation.ts';

/**
 * Which invocation a driver event belongs to. Lambda runs one invocation at a time per
 * container: that one is simply the one in flight. Only an invocation that begins while another
 * is in flight (tests, local servers, the bench's adapter) is bound to its async context, which
 * then tells concurrent invocations apart: binding costs every later step of the invocation
 * (~3.6 µs of a ~230 µs warm one, bench/README.md), so the single-invocation path skips it.
 */
const storage = new AsyncLocalStorage<Invocation>();
const inFlight = new Set<Invocation>();
/** The invocation that began with none other in flight: found without an async-context store. */
let unbound: Invocation | undefined;

/**
 * Marks the invocation as in flight and, when another one already is (or the caller's context
 * still carries a store), binds it to the current async context. Called synchronously from the
 * chain's first `before`, so every later step of the middy request runs with it.
 */
export function beginInvocation(invocation: Invocation): void {
  if (inFlight.size === 0 && storage.getStore() === undefined) unbound = invocation;
  else storage.enterWith(invocation);
  inFlight.add(invocation);
}

export function endInvocation(invocation: Invocation): void {
  inFlight.delete(invocation);
  if (unbound === invocation) unbound = undefined;
}

export function isInFlight(invocation: Invocation): boolean {
  return inFlight.has(invocation);
}

/**
 * The invocation whose async context this is, while it is in flight: a bound context names
 * its own (nobody, once that one has answered); an unbound one means the invocation that began
 * alone, or else the only one in flight. A command is billed to the invocation that started it
 * (command-monitor.ts), so a late reply of an answered invocation is never the next one's.
 */
export function currentInvocation(): Invocation | undefined {
  const own = storage.getStore();
  if (own !== undefined) return inFlight.has(own) ? own : undefined;
  return unbound ?? onlyInFlight();
}

/** The invocation in flight when there is exactly one (always the case in Lambda). */
export function onlyInFlight(): Invocation | undefined {
  return inFlight.size === 1 ? inFlight.values().next().value : undefined;
}
