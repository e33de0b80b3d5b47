import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';

export interface Route {
  readonly functionName: string;
  readonly method: string;
  readonly path: string;
}

interface HttpApiEvent {
  readonly httpApi?: { readonly method?: string; readonly path?: string };
}

/** The httpApi routes declared in serverless.yml (the file uses no custom YAML tags). */
export async function readRoutes(file = 'serverless.yml'): Promise<Route[]> {
  const config = load(await readFile(file, 'utf8')) as {
    functions?: Record<string, { events?: HttpApiEvent[] }>;
  };
  return Object.entries(config.functions ?? {}).flatMap(([functionName, fn]) =>
    (fn.events ?? []).flatMap(({ httpApi }) =>
      httpApi?.method && httpApi.path
        ? [{ functionName, method: httpApi.method.toUpperCase(), path: httpApi.path }]
        : [],
    ),
  );
}
