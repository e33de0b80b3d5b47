import { readFile, writeFile } from 'node:fs/promises';
import { dump, load } from 'js-yaml';

interface HttpApiEvent {
  readonly method: string;
  readonly path: string;
}
interface ServerlessConfig {
  provider: Record<string, unknown>;
  functions: Record<string, { events?: { httpApi?: HttpApiEvent }[] }>;
  resources?: { extensions?: Record<string, unknown> };
}

/** The preflight API Gateway answers: the HTTP API's origins param and request headers. */
const REST_CORS = {
  origins: '${file(./scripts/serverless/cors-origins.cjs)}',
  headers: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match'],
  maxAge: 600,
};

/**
 * serverless.yml as a user deploys it behind a REST API (README, "Behind a REST API"): every
 * `httpApi` event an `http` event on the same method and path with a CORS preflight, the HTTP
 * API's settings (its CORS, JWT authorizer, stage throttling) left out, and `binaryMediaTypes: ['*\/*']` so compressed
 * answers reach the client as bytes. Written next to serverless.yml (serverless reads a config
 * from the service folder only); returns its file name.
 */
export async function writeRestApiConfig(name: string): Promise<string> {
  const config = load(await readFile('serverless.yml', 'utf8')) as ServerlessConfig;
  delete config.provider.httpApi;
  config.provider.apiGateway = { binaryMediaTypes: ['*/*'] };
  delete config.resources?.extensions;
  for (const fn of Object.values(config.functions)) {
    fn.events = (fn.events ?? []).map(({ httpApi }) => {
      if (!httpApi) throw new Error('serverless.yml: an event other than httpApi');
      return { http: { method: httpApi.method, path: httpApi.path, cors: REST_CORS } };
    }) as typeof fn.events;
  }
  const file = `serverless.${name}.yml`;
  await writeFile(file, dump(config, { lineWidth: -1 }));
  return file;
}
