import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Library, loadLibrary } from '#test/integration/api/support/library.ts';
import { uriTarget } from '#test/integration/api/support/tcp-proxy.ts';
import { testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { captureOutput } from './support/output.ts';
import { ROUTE_CASES } from './support/routes.ts';

// Every line the handlers print (logs, metrics) during a suite of requests that fail in every
// way, with a password in the connection string, never contains the URI or the password.
const PASSWORD = 'Sup3r-S3cret-Pa55word';
const USER = 'lambda-app';
let api: Library | undefined;

afterEach(async () => {
  await api?.mongo.resetMongoClient();
  api = undefined;
  vi.restoreAllMocks();
});

/** Every route, once with good input and once with bad, plus malformed bodies. */
async function requestSuite(library: Library): Promise<number[]> {
  const id = '0123456789abcdef01234567';
  const statuses: number[] = [];
  for (const route of ROUTE_CASES) {
    const path = route.path.replace('{id}', id);
    const body = route.body?.({ author: id });
    for (const input of [
      { path, pathParameters: { id }, ...(body ? { body } : {}) },
      { path: `${path}?page=-1&cursor=forged`, pathParameters: { id: 'x' }, body: { $where: 1 } },
      { path, pathParameters: { id }, headers: { 'content-type': 'application/json' }, body: '{' },
    ]) {
      statuses.push((await library.raw(route.name, input)).status);
    }
  }
  return statuses;
}

function expectNoSecret(output: string, uri: string) {
  // The capture works: the failures were logged (with their redacted driver messages).
  expect(output).toMatch(/Request failed/);
  expect(output).toMatch(/Request rejected/);
  expect(output).not.toContain(PASSWORD);
  expect(output).not.toContain(encodeURIComponent(PASSWORD));
  expect(output).not.toContain(uri);
  expect(output).not.toContain(`${USER}:`);
}

describe('logs under failure never hold the connection string or its password', () => {
  it('a database that refuses the credentials (authentication fails)', async () => {
    const { host, port } = uriTarget(testMongoUri());
    const uri = `mongodb://${USER}:${PASSWORD}@${host}:${port}/?authSource=admin&directConnection=true`;
    const output = captureOutput();
    api = await loadLibrary({
      MONGODB_URI: uri,
      MONGODB_DB: uniqueDbName('sec_secret'),
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '300',
    });
    const statuses = await requestSuite(api);
    expect(statuses.filter((s) => s >= 500).length).toBeGreaterThan(0);
    expectNoSecret(output.text(), uri);
  });

  it('an unreachable database (server selection times out)', async () => {
    const uri = `mongodb+srv://${USER}:${PASSWORD}@cluster0.invalid.example/?retryWrites=true`;
    const direct = `mongodb://${USER}:${PASSWORD}@127.0.0.1:1/?serverSelectionTimeoutMS=200`;
    for (const target of [direct, uri]) {
      const output = captureOutput();
      api = await loadLibrary({
        MONGODB_URI: target,
        MONGODB_DB: uniqueDbName('sec_secret'),
        MONGODB_SERVER_SELECTION_TIMEOUT_MS: '200',
        MONGODB_CONNECT_TIMEOUT_MS: '200',
      });
      const statuses = await requestSuite(api);
      expect(statuses).toContain(503);
      expectNoSecret(output.text(), target);
      await api.mongo.resetMongoClient();
    }
  });

  it('a configuration error at cold start names the variable, not its value', async () => {
    const bad = `mongodb://${USER}:${PASSWORD}@host:99999999/?maxPoolSize=x y`;
    const output = captureOutput();
    const error = await loadLibrary({ MONGODB_URI: bad, MONGODB_DB: 'x' }).catch((e: Error) => e);
    expect(String(error)).toMatch(/MONGODB_URI/);
    expect(String(error)).not.toContain(PASSWORD);
    expect(output.text()).not.toContain(PASSWORD);
  });
});
