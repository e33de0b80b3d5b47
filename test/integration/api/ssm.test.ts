import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { captureConsole } from './support/console-capture.ts';
import { type LoadedApi, loadApi } from './support/handlers.ts';
import { invoke } from './support/invoke.ts';

const ssm = mockClient(SSMClient);
// Long enough that @middy/ssm's own background refresh never fires during a test; expiry is
// reached by moving the (faked) Date forward, so the counts do not depend on machine speed.
const TTL_MS = 60_000;

function withAppName(uri: string, appName: string): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}appName=${appName}`;
}

function parameter(name: string, value: string) {
  return {
    Parameters: [{ Name: name, Type: 'SecureString' as const, Value: value }],
    InvalidParameters: [],
  };
}

const logged = captureConsole();
beforeEach(() => ssm.reset());
afterEach(() => vi.useRealTimers());
afterAll(() => ssm.restore());

async function load(parameterName: string): Promise<LoadedApi> {
  return loadApi({
    MONGODB_URI: undefined,
    MONGODB_URI_SSM_PARAMETER: parameterName,
    MONGODB_URI_SSM_CACHE_TTL_MS: String(TTL_MS),
    MONGODB_DB: uniqueDbName('api_ssm'),
    AWS_REGION: 'eu-west-1',
  });
}

describe('connection string from an SSM SecureString', () => {
  it('is fetched once per TTL with decryption, and a rotated value rebuilds the client', async () => {
    const name = `/lambda-mongo-kit/test/${uniqueDbName('uri')}`;
    const first = withAppName(testMongoUri(), 'before-rotation');
    const second = withAppName(testMongoUri(), 'after-rotation');
    ssm.on(GetParametersCommand).resolves(parameter(name, first));
    vi.useFakeTimers({ toFake: ['Date'] });
    // Importing does not fail although MONGODB_URI is unset.
    const api = await load(name);
    try {
      const clientsBefore = api.mongo.mongoClientsCreated();
      for (let i = 0; i < 5; i += 1) {
        expect((await invoke(api.health, { path: '/health' })).status).toBe(200);
      }
      const calls = ssm.commandCalls(GetParametersCommand);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.args[0].input).toEqual({ Names: [name], WithDecryption: true });
      expect(api.mongo.mongoClientsCreated() - clientsBefore).toBe(1);

      ssm.on(GetParametersCommand).resolves(parameter(name, second));
      vi.setSystemTime(Date.now() + TTL_MS - 1_000);
      expect((await invoke(api.health, { path: '/health' })).status).toBe(200);
      expect(ssm.commandCalls(GetParametersCommand)).toHaveLength(1); // still within the TTL
      vi.setSystemTime(Date.now() + 1_001);
      for (let i = 0; i < 3; i += 1) {
        expect((await invoke(api.health, { path: '/health' })).status).toBe(200);
      }
      expect(ssm.commandCalls(GetParametersCommand)).toHaveLength(2);
      expect(api.mongo.mongoClientsCreated() - clientsBefore).toBe(2);

      const output = logged.join('\n');
      expect(output).toContain('connection string changed');
      for (const uri of [first, second, testMongoUri()]) expect(output).not.toContain(uri);
    } finally {
      await api.mongo.resetMongoClient();
    }
  });

  it('a failed fetch answers 500 without caching the failure', async () => {
    const name = `/lambda-mongo-kit/test/${uniqueDbName('uri')}`;
    ssm.on(GetParametersCommand).rejects(new Error('AccessDeniedException'));
    const api = await load(name);
    try {
      const failed = await invoke(api.health, { path: '/health' });
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({
        title: 'Internal Server Error',
        detail: 'Internal Server Error',
      });
      ssm.on(GetParametersCommand).resolves(parameter(name, testMongoUri()));
      expect((await invoke(api.health, { path: '/health' })).status).toBe(200);
    } finally {
      await api.mongo.resetMongoClient();
    }
  });
});
