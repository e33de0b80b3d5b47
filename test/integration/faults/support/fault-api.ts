import { type Document, MongoClient } from 'mongodb';
import { vi } from 'vitest';
import { type LocalDb, type LocalDbOptions, startLocalDb } from '#localdb/index.ts';
import { type LoadedApi, loadApi } from '#test/integration/api/support/handlers.ts';
import { uniqueDbName } from '#test/support/database.ts';

/** The driver's appName of the API's client, so fail points hit the handlers and not the test's own client. */
export const API_APP_NAME = 'faults-api';

/** A localdb of the test file's own (fail points are server-wide), in test mode. */
export function startFaultDb(options: LocalDbOptions = {}): Promise<LocalDb> {
  return startLocalDb({ port: 0, testCommands: true, ...options });
}

/** The environment of one cold-started container on `uri`, with short, fault-friendly timeouts. */
export function faultEnv(uri: string, overrides: Record<string, string> = {}) {
  return {
    MONGODB_URI: uri,
    MONGODB_DB: uniqueDbName('faults'),
    MONGODB_URI_SSM_PARAMETER: undefined,
    AWS_LAMBDA_FUNCTION_NAME: API_APP_NAME,
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1000',
    MONGODB_CONNECT_TIMEOUT_MS: '1000',
    MONGODB_TIMEOUT_MARGIN_MS: '500',
    // Per-invocation JSON logs and EMF metrics (lib/observability) off: 503s are expected here.
    LOG_LEVEL: 'SILENT',
    METRICS_ENABLED: 'false',
    ...overrides,
  };
}

/** Handlers cold-started on `uri`; the console is silenced (handlers log every 503). */
export async function loadFaultApi(
  uri: string,
  overrides: Record<string, string> = {},
): Promise<LoadedApi & { readonly dbName: string }> {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const env = faultEnv(uri, overrides);
  const api = await loadApi(env);
  return { ...api, dbName: env.MONGODB_DB };
}

/** A test-side client (its own appName, untouched by fail points scoped to the API's). */
export async function observer(uri: string): Promise<MongoClient> {
  const client = new MongoClient(uri, {
    appName: 'faults-observer',
    serverSelectionTimeoutMS: 5_000,
  });
  await client.connect();
  return client;
}

/** configureFailPoint on admin; `data.appName` defaults to the API's client. */
export function failPoint(
  client: MongoClient,
  name: 'failCommand' | 'onPrimaryTransactionalWrite',
  mode: Document | 'off' | 'alwaysOn',
  data: Document = {},
): Promise<Document> {
  return client.db('admin').command({
    configureFailPoint: name,
    mode,
    data: { appName: API_APP_NAME, ...data },
  });
}
