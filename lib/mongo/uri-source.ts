import { getInternal } from '@middy/util';
import type { Config } from '#lib/config/index.ts';
import type { ApiMiddleware, ApiRequest } from '#lib/http/types.ts';

/**
 * The connection string comes from MONGODB_URI, or from an SSM SecureString fetched by
 * @middy/ssm. We use @middy/ssm rather than hand-written caching (or Powertools Parameters,
 * which is not installed) because it is already part of the middy chain: it decrypts
 * (WithDecryption), prefetches, caches per `cacheExpiry` and refreshes in the background, and a
 * failed fetch is not cached. A new value reaches getMongoClient, which then rebuilds the client.
 *
 * @middy/ssm (and the AWS SDK under it) is imported only when an SSM parameter is configured:
 * deployments with MONGODB_URI never load it, so it costs them no cold-start time. With SSM, the
 * import starts when the chain is built (init phase), so the prefetch still runs during init.
 */
const INTERNAL_KEY = 'mongodbUri';

export function uriMiddlewares(config: Config): ApiMiddleware[] {
  const source = config.uriSource;
  if (source.kind === 'env') return [];
  const loading = import('@middy/ssm').then(
    ({ default: ssm }) =>
      ssm({
        fetchData: { [INTERNAL_KEY]: source.parameter },
        cacheKey: `lambda-mongo-kit:${source.parameter}`,
        // 0 would disable caching in middy; the config allows it to mean "fetch every time".
        cacheExpiry: source.ttlMs,
      }) as unknown as ApiMiddleware,
  );
  // A failed import surfaces on the first request (awaited in `before`), not as an unhandled
  // rejection at init.
  loading.catch(() => undefined);
  return [
    {
      before: async (request) => {
        const ssm = await loading.catch((error: unknown) => {
          throw new Error('Cannot load @middy/ssm', { cause: error });
        });
        return ssm.before?.(request);
      },
    },
  ];
}

/** The current connection string for this request (from env, or the SSM value in internal). */
export async function resolveUri(config: Config, request: ApiRequest): Promise<string> {
  const source = config.uriSource;
  if (source.kind === 'env') return source.uri;
  const values = (await getInternal([INTERNAL_KEY], request as never)) as Record<string, unknown>;
  const uri = values[INTERNAL_KEY];
  if (typeof uri !== 'string' || !/^mongodb(\+srv)?:\/\//.test(uri)) {
    throw new Error(
      `SSM parameter ${source.parameter} does not hold a mongodb:// connection string`,
    );
  }
  return uri;
}
