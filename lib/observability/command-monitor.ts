import type {
  CommandFailedEvent,
  CommandStartedEvent,
  CommandSucceededEvent,
  MongoClient,
} from 'mongodb';
import { getObservabilityConfig, type ObservabilityConfig } from '#lib/config/observability.ts';
import { describeError, logger } from '#lib/log/index.ts';
import { type Invocation, recordCommand, roundMs } from './invocation.ts';
import { currentInvocation, isInFlight, onlyInFlight } from './store.ts';
import { levelEnabled, observabilityWriter } from './writer.ts';

const monitored = new WeakSet<MongoClient>();

/** The collection a command targets (`{find: 'users'}`, getMore's `collection`), if any. */
function collectionOf(event: CommandStartedEvent): string | undefined {
  const target = event.command[event.commandName];
  if (typeof target === 'string') return target;
  const collection = event.command.collection;
  return typeof collection === 'string' ? collection : undefined;
}

/**
 * The invocation that started each command still awaiting its reply (by the driver's request
 * id), with the command's collection for the slow warning and when it started. The driver
 * follows every started event with a succeeded or failed one, which removes the entry.
 */
interface Started {
  readonly invocation: Invocation;
  readonly collection: string | undefined;
  /** performance.now() at the started event. */
  readonly at: number;
}
const startedBy = new Map<number, Started>();

function started(event: CommandStartedEvent): void {
  const invocation = currentInvocation();
  if (invocation === undefined) return;
  const collection = invocation.slowOperationMs > 0 ? collectionOf(event) : undefined;
  startedBy.set(event.requestId, { invocation, collection, at: performance.now() });
}

function finished(event: CommandSucceededEvent | CommandFailedEvent, ok: boolean): void {
  const start = startedBy.get(event.requestId);
  if (start !== undefined) startedBy.delete(event.requestId);
  // Billed to the invocation that started the command, while it is in flight: the late reply
  // of an answered invocation (one that outran its budget) is nobody's, not the next one's.
  const invocation =
    start === undefined
      ? currentInvocation()
      : isInFlight(start.invocation)
        ? start.invocation
        : undefined;
  if (!invocation) return;
  // The event's own duration is whole milliseconds (the driver floors both clock readings), so
  // a 0.3 ms find reads 0 or 1: timed here instead, between the same two points of the driver.
  const durationMs = start === undefined ? event.duration : performance.now() - start.at;
  recordCommand(invocation, event.commandName, durationMs, ok);
  const collection = start?.collection;
  if (invocation.slowOperationMs > 0 && durationMs >= invocation.slowOperationMs) {
    // Names and times only: the command body and reply may hold user data.
    observabilityWriter().write('WARN', 'Slow database command', {
      requestId: invocation.requestId,
      route: invocation.route,
      command: event.commandName,
      durationMs: roundMs(durationMs),
      thresholdMs: invocation.slowOperationMs,
      database: event.databaseName,
      ...(collection !== undefined ? { collection } : {}),
      ok,
    });
  }
}

/**
 * A pool connection opened while an invocation is in flight counts for it, whichever async
 * context the pool opened it from (the figure that must stay 0 on warm invocations).
 */
function connectionCreated(): void {
  const invocation = currentInvocation() ?? onlyInFlight();
  if (invocation) invocation.connectionsOpened += 1;
}

/**
 * Listeners run inside the driver's command path: one that threw would fail the operation,
 * so a failure here is reported and swallowed.
 */
function guarded<A extends unknown[]>(listener: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      listener(...args);
    } catch (error) {
      logger.warn('Command monitoring failed', describeError(error));
    }
  };
}

/**
 * Whether anything reads what the monitor gathers: the invocation line (INFO), the EMF metrics,
 * or the slow-command warning (WARN, with a threshold).
 */
export function commandFiguresRead(config: ObservabilityConfig): boolean {
  return (
    levelEnabled(config, 'INFO') ||
    config.metricsEnabled ||
    (config.slowOperationMs > 0 && levelEnabled(config, 'WARN'))
  );
}

/**
 * Turns on the driver's command monitoring for a client and attributes its commands and new
 * pool connections to the invocation in flight. Call before connect: connections read the
 * monitorCommands option when they are created. Left off when nothing would read the figures:
 * the driver's monitoring costs ~13–19 µs per command (its events, their relay up to the client,
 * the decoded reply; bench/README.md), whether or not anyone listens.
 */
export function monitorClient(
  client: MongoClient,
  config: ObservabilityConfig = getObservabilityConfig(),
): void {
  if (monitored.has(client) || !commandFiguresRead(config)) return;
  monitored.add(client);
  // The one mutable option (kept out of Readonly for APM): pools created at connect read it.
  client.options.monitorCommands = true;
  client.on('commandStarted', guarded(started));
  client.on(
    'commandSucceeded',
    guarded((event: CommandSucceededEvent) => finished(event, true)),
  );
  client.on(
    'commandFailed',
    guarded((event: CommandFailedEvent) => finished(event, false)),
  );
  client.on('connectionCreated', guarded(connectionCreated));
}
