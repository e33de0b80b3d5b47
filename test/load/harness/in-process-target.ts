import type { ApiHandler, ApiResult } from '#lib/http/index.ts';
import { httpEvent, lambdaContext } from '#test/integration/api/support/events.ts';
import type { Request, Transport } from './workload.ts';

/**
 * The users handlers in this process, as one warm container would run them, with the real middy
 * chain and driver. The environment is set before the first import: config is read at module init.
 */
export async function inProcessTarget(env: Record<string, string>): Promise<{
  readonly transport: Transport;
  close(): Promise<void>;
}> {
  Object.assign(process.env, env);
  const [create, replace, get, list, mongo] = await Promise.all([
    import('#functions/users/create.ts'),
    import('#functions/users/replace.ts'),
    import('#functions/users/get.ts'),
    import('#functions/users/list.ts'),
    import('#lib/mongo/index.ts'),
  ]);
  const route = (request: Request): { handler: ApiHandler; id?: string } => {
    if (request.method === 'POST') return { handler: create.handler };
    const id = /^\/users\/([0-9a-f]{24})$/.exec(request.path)?.[1];
    if (request.method === 'PUT' && id) return { handler: replace.handler, id };
    return id ? { handler: get.handler, id } : { handler: list.handler };
  };
  const transport: Transport = async (request) => {
    const { handler, id } = route(request);
    const event = httpEvent({
      method: request.method,
      path: request.path,
      ...(id ? { pathParameters: { id } } : {}),
      ...(request.body ? { body: request.body } : {}),
    });
    const result = (await handler(event, lambdaContext(10_000))) as ApiResult;
    return {
      status: result.statusCode ?? 200,
      body: result.body ? JSON.parse(result.body) : undefined,
    };
  };
  return { transport, close: () => mongo.resetMongoClient() };
}
