import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';

/** A provider variable serverless.yml sets from a param: `AUTH_READS: ${param:authReads}`. */
const FROM_PARAM = /^\$\{param:([A-Za-z0-9]+)\}$/;

/**
 * `--param=name=value` for each variable serverless.yml's `provider.environment` takes from a
 * param and the shell sets (`AUTH_READS=token npm start`). serverless-offline hands the
 * functions the shell's environment (`--localEnvironment`) but lets serverless.yml's values win,
 * so without these the shell's would be overruled by the params' defaults. `skip`: variables
 * the start script passes itself.
 */
export async function paramOverrides(
  env: NodeJS.ProcessEnv,
  skip: readonly string[] = [],
  file = 'serverless.yml',
): Promise<string[]> {
  const config = load(await readFile(file, 'utf8')) as {
    provider?: { environment?: Record<string, unknown> };
  };
  return Object.entries(config.provider?.environment ?? {}).flatMap(([variable, value]) => {
    const param = typeof value === 'string' ? FROM_PARAM.exec(value)?.[1] : undefined;
    const given = env[variable];
    return param && given && !skip.includes(variable) ? [`--param=${param}=${given}`] : [];
  });
}
