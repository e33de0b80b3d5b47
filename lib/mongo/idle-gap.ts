/**
 * Lambda freezes a container between invocations. Meanwhile the server may close the pooled
 * connections (idle timeout, restart, failover); the FIN or RST then waits in the kernel and
 * reaches Node in the same event-loop turn as the next invocation. If the invocation checks a
 * connection out first, the driver writes to a socket the peer has ended and (driver 7.8)
 * surfaces a raw EPIPE that it neither retries nor uses to clear the pool.
 *
 * So after an idle gap, the first database step waits one timer turn: the pending socket
 * events run (including the libuv close phase that emits 'close'), the driver drops those
 * connections, and the invocation gets a fresh one. Warm back-to-back invocations skip it.
 */
export const IDLE_GAP_MS = 1_000;

let lastActivity: number | undefined;

/** Records database activity now (start and end of every invocation that used the database). */
export function markActivity(now = Date.now()): void {
  lastActivity = now;
}

/** True when the container has been idle long enough that its sockets may have gone stale. */
export function afterIdleGap(now = Date.now()): boolean {
  return lastActivity !== undefined && now - lastActivity >= IDLE_GAP_MS;
}

/** One timer turn: poll, check and close phases run, so socket closes queued while frozen land. */
export function settleSocketEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}
