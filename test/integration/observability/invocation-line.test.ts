import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpEvent } from '#test/integration/api/support/events.ts';
import { type LoadedApi, loadApi } from '#test/integration/api/support/handlers.ts';
import { invoke } from '#test/integration/api/support/invoke.ts';
import {
  type FailPointServer,
  startFailPointServer,
} from '#test/integration/localdb/failpoints/fixture.ts';
import { uniqueDbName } from '#test/support/database.ts';
import { EXPECTED_INVOCATION_METRICS } from '#test/support/invocation-metrics.ts';
import { type Captured, captureOutput } from './support/capture.ts';

// A localdb of this file's own: fail points are server-wide.
let server: FailPointServer;
beforeAll(async () => {
  server = await startFailPointServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => vi.restoreAllMocks());

const env = (uri: string) => ({
  MONGODB_URI: uri,
  MONGODB_DB: uniqueDbName('obs_line'),
  MONGODB_URI_SSM_PARAMETER: undefined,
  SLOW_OPERATION_MS: '150',
  METRICS_NAMESPACE: 'ObservabilityTest',
  SERVICE_NAME: 'obs-test',
  LOG_LEVEL: 'INFO',
  METRICS_ENABLED: 'true',
});

type Line = Record<string, unknown> & { db: Record<string, unknown> };

/** GET /users/{id} as API Gateway sends it: routeKey is the route template, not the path. */
const getUserEvent = (id: string) => ({
  ...httpEvent({ path: `/users/${id}`, pathParameters: { id } }),
  routeKey: 'GET /users/{id}',
});

describe('one Invocation line and one EMF blob per invocation (real chain, real driver)', () => {
  let api: LoadedApi;
  let out: Captured;
  const requestIds: string[] = [];

  /** Invokes and remembers the request id the line must carry. */
  async function call(handler: Parameters<typeof invoke>[0], input: Parameters<typeof invoke>[1]) {
    const before = out.logs('Invocation').length;
    const answer = await invoke(handler, input);
    const lines = out.logs('Invocation');
    expect(lines.length - before).toBe(1);
    requestIds.push(String(lines.at(-1)?.requestId));
    return { answer, line: lines.at(-1) as Line };
  }

  beforeAll(async () => {
    api = await loadApi(env(server.db.uri));
  });

  it('marks the first invocation cold and the next warm, with route, status and db commands', async () => {
    out = captureOutput();
    const created = await call(api.users.create, {
      method: 'POST',
      path: '/users',
      body: { name: 'Observed Person', email: 'observed@example.test' },
    });
    expect(created.answer.status).toBe(201);
    expect(created.line).toMatchObject({
      level: 'INFO',
      service: 'obs-test',
      cold: true,
      route: 'POST /users',
      status: 201,
    });
    expect(created.line.db).toMatchObject({ commands: { insert: { count: 1, failed: 0 } } });
    expect(created.line.db.connectionsOpened).toBeGreaterThanOrEqual(1);

    const id = created.answer.body._id as string;
    const got = await call(api.users.get, getUserEvent(id));
    expect(got.answer.status).toBe(200);
    expect(got.line).toMatchObject({ cold: false, route: 'GET /users/{id}', status: 200 });
    expect(got.line.db).toEqual({
      count: 1,
      durationMs: expect.any(Number),
      failed: 0,
      connectionsOpened: 0,
      commands: { find: { count: 1, durationMs: expect.any(Number), failed: 0 } },
    });
    expect(got.line.durationMs).toBeGreaterThanOrEqual(got.line.db.durationMs as number);
    // A real round trip, timed finer than the driver's whole milliseconds (which read 0 here).
    expect(got.line.db.durationMs).toBeGreaterThan(0);

    const missing = '65a1b2c3d4e5f60718293a4b';
    const absent = await call(api.users.get, getUserEvent(missing));
    expect(absent.answer.status).toBe(404);
    expect(absent.line).toMatchObject({ cold: false, status: 404 });

    const rejected = await call(api.users.get, getUserEvent('nope'));
    expect(rejected.answer.status).toBe(400);
    expect(rejected.line.db).toMatchObject({ count: 0, connectionsOpened: 0 });

    // Exactly one line per request, none for anything else.
    expect(out.logs('Invocation').map((l) => l.requestId)).toEqual(requestIds);
    // Names and times only: the stored values never reach the output.
    expect(out.text()).not.toContain('Observed Person');
    expect(out.text()).not.toContain('observed@example.test');
    expect(out.text()).not.toContain(server.db.uri);
    expect(out.logs('Slow database command')).toEqual([]);
  });

  it('makes that line a valid EMF blob too: one write per invocation', async () => {
    out = captureOutput();
    const id = '65a1b2c3d4e5f60718293a4c';
    const { line } = await call(api.users.get, getUserEvent(id));
    const blobs = out.metrics();
    expect(blobs).toEqual([line]);
    const blob = line as unknown as Record<string, unknown> & {
      _aws: { Timestamp: number; CloudWatchMetrics: unknown[] };
    };
    expect(Number.isInteger(blob._aws.Timestamp)).toBe(true);
    expect(blob._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'ObservabilityTest',
        Dimensions: [['service', 'route']],
        Metrics: [...EXPECTED_INVOCATION_METRICS],
      },
    ]);
    expect(blob).toMatchObject({
      service: 'obs-test',
      route: 'GET /users/{id}',
      Latency: line.durationMs,
      DbTime: line.db.durationMs,
      DbCommands: 1,
      ColdStart: 0,
      ConnectionsOpened: 0,
      Errors: 0,
    });
  });
});

describe('slow-operation warning (blockConnection fail point)', () => {
  let api: LoadedApi;
  let userId: string;

  beforeAll(async () => {
    api = await loadApi(env(server.db.uri));
    captureOutput();
    const created = await invoke(api.users.create, {
      method: 'POST',
      path: '/users',
      body: { name: 'Slow Sam' },
    });
    userId = created.body._id;
    vi.restoreAllMocks();
  });
  afterEach(async () => {
    await server.configure({ configureFailPoint: 'failCommand', mode: 'off' });
  });

  const get = () => invoke(api.users.get, getUserEvent(userId));

  it('does not fire for a command under the threshold', async () => {
    const out = captureOutput();
    expect((await get()).status).toBe(200);
    expect(out.logs('Invocation')).toHaveLength(1);
    expect(out.logs('Slow database command')).toEqual([]);
  });

  it('fires once for a blocked find, with name, time and collection but no values', async () => {
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 1 },
      data: { failCommands: ['find'], blockConnection: true, blockTimeMS: 300 },
    });
    const out = captureOutput();
    expect((await get()).status).toBe(200);
    const [line] = out.logs('Invocation');
    const warnings = out.logs('Slow database command');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: 'WARN',
      requestId: line?.requestId,
      command: 'find',
      collection: 'users',
      thresholdMs: 150,
      ok: true,
    });
    expect(warnings[0]?.durationMs).toBeGreaterThanOrEqual(250);
    expect(Object.keys(warnings[0] ?? {})).not.toContain('filter');
    expect(out.text()).not.toContain(userId);
    expect(out.text()).not.toContain('Slow Sam');
  });

  it('attributes commands to the right one of two concurrent invocations', async () => {
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 1 },
      data: { failCommands: ['find'], blockConnection: true, blockTimeMS: 300 },
    });
    const out = captureOutput();
    const answers = await Promise.all([get(), get()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const lines = out.logs('Invocation') as Line[];
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.db).toMatchObject({ count: 1, commands: { find: { count: 1 } } });
    }
    const warnings = out.logs('Slow database command');
    expect(warnings).toHaveLength(1);
    const slow = lines.find((l) => l.requestId === warnings[0]?.requestId);
    const fast = lines.find((l) => l.requestId !== warnings[0]?.requestId);
    expect(slow?.db.durationMs).toBeGreaterThanOrEqual(250);
    expect(fast?.db.durationMs).toBeLessThan(150);
  });
});

describe('failures', () => {
  it('logs one 503 line and an Errors metric, never the URI or its password', async () => {
    const PASSWORD = 'obs-s3cr3t-pa55';
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const uri = `mongodb://app:${PASSWORD}@127.0.0.1:${port}/?directConnection=true`;
    const api = await loadApi({
      ...env(uri),
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '300',
      MONGODB_CONNECT_TIMEOUT_MS: '300',
    });
    const out = captureOutput();
    const id = '65a1b2c3d4e5f60718293a4b';
    const answer = await invoke(api.users.get, getUserEvent(id));
    expect(answer.status).toBe(503);
    const lines = out.logs('Invocation');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ cold: true, status: 503 });
    const [blob] = out.metrics();
    expect(blob).toMatchObject({ Errors: 1, ColdStart: 1 });
    expect(out.text()).not.toContain(PASSWORD);
    expect(out.text()).not.toContain(uri);
    expect(out.text()).not.toMatch(/\n\s+at /); // no stack traces
  });
});

describe('settings', () => {
  it('LOG_LEVEL=WARN drops the line but keeps the EMF blob; METRICS_ENABLED=false the reverse', async () => {
    const id = '65a1b2c3d4e5f60718293a4b';
    const quiet = await loadApi({ ...env(server.db.uri), LOG_LEVEL: 'WARN' });
    let out = captureOutput();
    expect((await invoke(quiet.users.get, getUserEvent(id))).status).toBe(404);
    expect(out.logs('Invocation')).toEqual([]);
    expect(out.metrics()).toHaveLength(1);
    expect(out.metrics()[0]).toMatchObject({ route: 'GET /users/{id}', Errors: 0 });
    expect(out.metrics()[0]).not.toHaveProperty('message');
    vi.restoreAllMocks();

    const noMetrics = await loadApi({ ...env(server.db.uri), METRICS_ENABLED: 'false' });
    out = captureOutput();
    expect((await invoke(noMetrics.users.get, getUserEvent(id))).status).toBe(404);
    expect(out.logs('Invocation')).toHaveLength(1);
    expect(out.metrics()).toEqual([]);
  });
});
