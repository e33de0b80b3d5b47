/** Settings of `npm start`, read from the environment once. */
export interface StartOptions {
  /** API Gateway emulation port (serverless-offline httpPort). */
  readonly httpPort: number;
  /** Lambda invoke endpoint port (serverless-offline lambdaPort). */
  readonly lambdaPort: number;
  /** A MongoDB to use instead of starting localdb. */
  readonly mongodbUri: string | undefined;
  /** Database name handed to the handlers (overrides serverless.yml's `mongodbDb` param). */
  readonly dbName: string;
  /** localdb's port when it is started here; 0 picks a free one. */
  readonly localDbPort: number;
  /** localdb's data folder (git-ignored). */
  readonly localDbPath: string;
  /** serverless.yml's stage. */
  readonly stage: string;
  /** Rebuild and reload the handlers when functions/ or lib/ change (WATCH, default true). */
  readonly watch: boolean;
}

/** Same default as serverless.yml's `params.default.mongodbDb`. */
export const DEFAULT_DB_NAME = 'lambda_mongo_kit';

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new Error(`${name} must be a port number (0-65535), got '${raw}'`);
  }
  return value;
}

export function readStartOptions(env: NodeJS.ProcessEnv): StartOptions {
  return Object.freeze({
    httpPort: port(env, 'PORT', 3000),
    lambdaPort: port(env, 'LAMBDA_PORT', 3002),
    mongodbUri: env.MONGODB_URI || undefined,
    dbName: env.MONGODB_DB || DEFAULT_DB_NAME,
    localDbPort: port(env, 'LOCALDB_PORT', 0),
    localDbPath: env.LOCALDB_DB_PATH || '.localdb/data',
    stage: env.STAGE || 'dev',
    watch: !/^(0|false|no|off)$/i.test(env.WATCH ?? ''),
  });
}
