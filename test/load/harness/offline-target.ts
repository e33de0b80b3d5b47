import { mintDevToken } from '#lib/auth/index.ts';
import { DEFAULT_WRITE_SCOPE } from '#lib/config/index.ts';
import { offlineLambdaFailure } from '#test/e2e/offline-failure.ts';
import { startOfflineServer } from '#test/support/offline-server.ts';
import type { Transport } from './workload.ts';

/**
 * The API over HTTP on loopback through serverless-offline, with a development write token.
 * A Lambda failure that serverless-offline reports as 200 counts as the 5xx API Gateway gives.
 */
export async function offlineTarget(handlerEnv: Record<string, string>): Promise<{
  readonly transport: Transport;
  /** serverless-offline's pid (its handlers run inside it). */
  readonly pid: number;
  close(): Promise<void>;
}> {
  const server = await startOfflineServer(handlerEnv);
  const token = await mintDevToken({ scopes: [DEFAULT_WRITE_SCOPE], expiresIn: '2h' });
  const transport: Transport = async (request) => {
    const response = await fetch(`${server.baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(request.body ? { 'content-type': 'application/json' } : {}),
      },
      body: request.body ? JSON.stringify(request.body) : null,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: offlineLambdaFailure(response.status, body) ?? response.status, body };
  };
  return { transport, pid: server.pid, close: () => server.stop() };
}
