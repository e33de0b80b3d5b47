import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, vi } from 'vitest';
import type { LocalDb } from '#localdb/index.ts';
import type { LoadedApi } from '#test/integration/api/support/handlers.ts';
import { ready } from '#test/support/ready.ts';
import { loadFaultApi, observer, startFaultDb } from './fault-api.ts';

export interface FaultFixture {
  /** The handlers, cold-started on the file's own localdb. */
  readonly api: LoadedApi & { readonly dbName: string };
  /** The test's own client on that server, to set fail points and check the data. */
  readonly observer: MongoClient;
}

/**
 * Registers hooks that start a test-mode localdb of the file's own, cold-start the handlers on it
 * and connect an observer, all stopped after the file (the file's own afterAll runs first).
 */
export function useFaultApi(): FaultFixture {
  let server: LocalDb | undefined;
  let api: FaultFixture['api'] | undefined;
  let client: MongoClient | undefined;
  beforeAll(async () => {
    server = await startFaultDb();
    api = await loadFaultApi(server.uri);
    client = await observer(server.uri);
  });
  afterAll(async () => {
    await api?.mongo.resetMongoClient();
    await client?.close();
    await server?.stop();
    vi.restoreAllMocks();
  });
  return {
    get api() {
      return ready(api, 'useFaultApi: api');
    },
    get observer() {
      return ready(client, 'useFaultApi: observer');
    },
  };
}
