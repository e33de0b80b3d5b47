import { mintDevToken } from '#lib/auth/index.ts';
import { DEFAULT_WRITE_SCOPE } from '#lib/config/index.ts';
import { startOfflineServer } from './offline-server.ts';
import type { Transport } from './workload.ts';

/** serverless-offline answers a Lambda error or timeout as 200 with this body; API Gateway: 5xx. */
function lambdaFailure(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'errorType' in body && 'errorMessage' in body;
}

/**
 * The API over HTTP on loopback through serverless-offline, with a development write token.
 * A Lambda failure that serverless-offline reports as 200 counts as 502, as API Gateway would.
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
    return { status: lambdaFailure(body) ? 502 : response.status, body };
  };
  return { transport, pid: server.pid, close: () => server.stop() };
}
