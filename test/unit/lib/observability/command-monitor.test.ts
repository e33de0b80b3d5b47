import { MongoClient } from 'mongodb';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseObservabilityConfig } from '#lib/config/observability.ts';
import {
  beginInvocation,
  commandFiguresRead,
  createInvocation,
  endInvocation,
  monitorClient,
} from '#lib/observability/index.ts';
import { captureOutput } from '#test/integration/observability/support/capture.ts';

// A client that is never connected: the driver's events are emitted by hand, so the
// attribution rules are checked without a database (the integration test uses a real one).
const client = new MongoClient('mongodb://127.0.0.1:1/?directConnection=true');
monitorClient(client);
afterAll(() => client.close());
afterEach(() => vi.restoreAllMocks());

const startedEvent = (requestId: number, command: Record<string, unknown>) => ({
  requestId,
  commandName: Object.keys(command)[0] as string,
  command,
  databaseName: 'app',
});
const doneEvent = (requestId: number, commandName: string, duration: number) => ({
  requestId,
  commandName,
  duration,
  databaseName: 'app',
});

/** The monitor's clock (performance.now) reads `ms` until moved again. */
const clockAt = (ms: number) => vi.spyOn(performance, 'now').mockReturnValue(ms);

function invocation(slowOperationMs: number) {
  const current = createInvocation({
    requestId: 'req-1',
    route: 'GET /users/{id}',
    cold: false,
    startedAt: 0,
    slowOperationMs,
  });
  beginInvocation(current);
  return current;
}

describe('commandFiguresRead', () => {
  const read = (env: Record<string, string>) => commandFiguresRead(parseObservabilityConfig(env));

  it('is true when the line, the metrics or the slow warning would use the figures', () => {
    expect(read({})).toBe(true);
    expect(read({ LOG_LEVEL: 'ERROR' })).toBe(true); // EMF metrics still carry DbTime
    expect(read({ LOG_LEVEL: 'WARN', METRICS_ENABLED: 'false' })).toBe(true); // slow warning
  });

  it('is false when none of them is written', () => {
    expect(read({ LOG_LEVEL: 'WARN', METRICS_ENABLED: 'false', SLOW_OPERATION_MS: '0' })).toBe(
      false,
    );
    expect(read({ LOG_LEVEL: 'ERROR', METRICS_ENABLED: 'false' })).toBe(false);
    expect(read({ LOG_LEVEL: 'SILENT', METRICS_ENABLED: 'false' })).toBe(false);
  });

  it('leaves the driver monitoring off for a client when nothing reads it', async () => {
    const quiet = new MongoClient('mongodb://127.0.0.1:1/?directConnection=true');
    monitorClient(
      quiet,
      parseObservabilityConfig({ LOG_LEVEL: 'SILENT', METRICS_ENABLED: 'false' }),
    );
    expect(quiet.options.monitorCommands).toBe(false);
    expect(quiet.listenerCount('commandSucceeded')).toBe(0);
    expect(quiet.listenerCount('connectionCreated')).toBe(0);
    await quiet.close();
  });
});

describe('monitorClient', () => {
  it('turns command monitoring on, once per client', () => {
    expect(client.options.monitorCommands).toBe(true);
    const before = client.listenerCount('commandSucceeded');
    monitorClient(client);
    expect(client.listenerCount('commandSucceeded')).toBe(before);
  });

  it('adds commands and new connections to the invocation in flight', () => {
    const current = invocation(0);
    clockAt(10);
    client.emit(
      'commandStarted',
      startedEvent(1, { find: 'users', filter: { name: 'x' } }) as never,
    );
    // Timed from its started event (7.25 ms), not the event's whole milliseconds (7).
    clockAt(17.25);
    client.emit('commandSucceeded', doneEvent(1, 'find', 7) as never);
    // No started event seen: the driver's own duration is all there is.
    client.emit('commandFailed', doneEvent(2, 'insert', 3) as never);
    client.emit('connectionCreated', { connectionId: 1 } as never);
    endInvocation(current);
    client.emit('commandSucceeded', doneEvent(3, 'find', 50) as never); // after the end
    expect(Object.fromEntries(current.commands)).toEqual({
      find: { count: 1, durationMs: 7.25, failed: 0 },
      insert: { count: 1, durationMs: 3, failed: 1 },
    });
    expect(current.connectionsOpened).toBe(1);
  });

  it('warns once for a command at or over the threshold, with its collection and no values', () => {
    const out = captureOutput();
    const current = invocation(100);
    clockAt(0);
    client.emit(
      'commandStarted',
      startedEvent(10, { find: 'users', filter: { email: 'secret@example.test' } }) as never,
    );
    clockAt(100.004);
    client.emit('commandSucceeded', doneEvent(10, 'find', 100) as never);
    client.emit('commandStarted', startedEvent(11, { getMore: 5n, collection: 'books' }) as never);
    // 100 by the driver's whole milliseconds, 99.5 in fact: under the threshold.
    clockAt(199.504);
    client.emit('commandSucceeded', doneEvent(11, 'getMore', 100) as never);
    client.emit('commandStarted', startedEvent(12, { aggregate: 1, pipeline: [] }) as never);
    clockAt(449.504);
    client.emit('commandFailed', doneEvent(12, 'aggregate', 250) as never);
    endInvocation(current);
    const warnings = out.logs('Slow database command');
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 'WARN',
        requestId: 'req-1',
        route: 'GET /users/{id}',
        command: 'find',
        collection: 'users',
        database: 'app',
        durationMs: 100,
        thresholdMs: 100,
        ok: true,
      }),
      expect.objectContaining({ command: 'aggregate', durationMs: 250, ok: false }),
    ]);
    expect(warnings[1]).not.toHaveProperty('collection');
    expect(out.text()).not.toContain('secret@example.test');
  });

  it('bills a late reply to the invocation that started it: nobody, once that one answered', () => {
    const first = invocation(0);
    clockAt(0);
    client.emit('commandStarted', startedEvent(40, { find: 'users' }) as never);
    endInvocation(first); // it answered (its budget ran out) before the reply came
    const second = invocation(0);
    clockAt(898);
    client.emit('commandStarted', startedEvent(41, { find: 'books' }) as never);
    clockAt(900);
    client.emit('commandSucceeded', doneEvent(40, 'find', 900) as never);
    client.emit('commandSucceeded', doneEvent(41, 'find', 2) as never);
    endInvocation(second);
    expect(Object.fromEntries(first.commands)).toEqual({});
    expect(Object.fromEntries(second.commands)).toEqual({
      find: { count: 1, durationMs: 2, failed: 0 },
    });
  });

  it('never warns when the threshold is 0', () => {
    const out = captureOutput();
    const current = invocation(0);
    client.emit('commandSucceeded', doneEvent(20, 'find', 10_000) as never);
    endInvocation(current);
    expect(out.logs('Slow database command')).toEqual([]);
  });

  it('never lets a listener failure reach the driver: it is reported and swallowed', () => {
    const out = captureOutput();
    const current = invocation(100);
    // A malformed event (no command) makes the listener throw inside emit().
    expect(() =>
      client.emit('commandStarted', { requestId: 30, commandName: 'find' } as never),
    ).not.toThrow();
    endInvocation(current);
    expect(out.text()).toContain('Command monitoring failed');
  });
});
