/**
 * What one invocation did, built up by the middleware and the driver's command monitor and
 * turned into the one summary line and the EMF metrics at its end. Only names, counts and
 * times: never command bodies, which can carry user data.
 */
export interface CommandTotals {
  count: number;
  durationMs: number;
  failed: number;
}

export interface Invocation {
  readonly requestId: string;
  readonly route: string;
  readonly cold: boolean;
  /** performance.now() at the start of the chain. */
  readonly startedAt: number;
  readonly slowOperationMs: number;
  readonly commands: Map<string, CommandTotals>;
  connectionsOpened: number;
}

export interface InvocationSummary {
  readonly requestId: string;
  readonly route: string;
  readonly cold: boolean;
  readonly status: number;
  readonly durationMs: number;
  readonly db: {
    readonly count: number;
    readonly durationMs: number;
    readonly failed: number;
    readonly connectionsOpened: number;
    readonly commands: Readonly<Record<string, Readonly<CommandTotals>>>;
  };
}

export function createInvocation(init: {
  requestId: string;
  route: string;
  cold: boolean;
  startedAt: number;
  slowOperationMs: number;
}): Invocation {
  return { ...init, commands: new Map(), connectionsOpened: 0 };
}

export function recordCommand(
  invocation: Invocation,
  name: string,
  durationMs: number,
  ok: boolean,
): void {
  const totals = invocation.commands.get(name) ?? { count: 0, durationMs: 0, failed: 0 };
  totals.count += 1;
  totals.durationMs += durationMs;
  if (!ok) totals.failed += 1;
  invocation.commands.set(name, totals);
}

/** Milliseconds to the hundredth (10 µs): finer digits are noise in a log line. */
export const roundMs = (ms: number): number => Math.round(ms * 100) / 100;

export function summarize(invocation: Invocation, status: number, now: number): InvocationSummary {
  let count = 0;
  let durationMs = 0;
  let failed = 0;
  const commands: Record<string, CommandTotals> = {};
  for (const [name, totals] of invocation.commands) {
    count += totals.count;
    durationMs += totals.durationMs;
    failed += totals.failed;
    commands[name] = { ...totals, durationMs: roundMs(totals.durationMs) };
  }
  return {
    requestId: invocation.requestId,
    route: invocation.route,
    cold: invocation.cold,
    status,
    durationMs: roundMs(now - invocation.startedAt),
    db: {
      count,
      durationMs: roundMs(durationMs),
      failed,
      connectionsOpened: invocation.connectionsOpened,
      commands,
    },
  };
}
