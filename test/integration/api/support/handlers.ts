import { vi } from 'vitest';
import type { ApiHandler } from '#lib/http/index.ts';

/** Fresh module instances of every handler plus the client cache they share. */
export interface LoadedApi {
  readonly users: {
    readonly create: ApiHandler;
    readonly list: ApiHandler;
    readonly get: ApiHandler;
    readonly update: ApiHandler;
    readonly replace: ApiHandler;
    readonly delete: ApiHandler;
  };
  readonly health: ApiHandler;
  readonly mongo: typeof import('#lib/mongo/index.ts');
}

/**
 * Sets the environment, then imports the handlers in a fresh module registry, like a new
 * Lambda container's cold start (config is read at import).
 */
export async function loadApi(env: Record<string, string | undefined>): Promise<LoadedApi> {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
  const [create, list, get, update, replace, del, health, mongo] = await Promise.all([
    import('#functions/users/create.ts'),
    import('#functions/users/list.ts'),
    import('#functions/users/get.ts'),
    import('#functions/users/update.ts'),
    import('#functions/users/replace.ts'),
    import('#functions/users/delete.ts'),
    import('#functions/health/check.ts'),
    import('#lib/mongo/index.ts'),
  ]);
  return {
    users: {
      create: create.handler,
      list: list.handler,
      get: get.handler,
      update: update.handler,
      replace: replace.handler,
      delete: del.handler,
    },
    health: health.handler,
    mongo,
  };
}
