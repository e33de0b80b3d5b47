import { type ConfigIssue, parseVariables } from './env-variables.ts';
import { CONNECTION_URI_VARIABLE, connectionDb, connectionUri, EnvSchema } from './schema.ts';

/** A named extra database (`MONGODB_<NAME>_URI` + `MONGODB_<NAME>_DB`); name is lower-case. */
export interface NamedConnection {
  readonly uri: string;
  readonly dbName: string;
}

/** The validated settings; the URI is held here but never logged or returned in a response. */
export interface Config {
  /** Where the connection string comes from: the environment or an SSM SecureString. */
  readonly uriSource:
    | { readonly kind: 'env'; readonly uri: string }
    | { readonly kind: 'ssm'; readonly parameter: string; readonly ttlMs: number };
  readonly dbName: string;
  readonly appName: string;
  readonly maxPoolSize: number;
  readonly minPoolSize: number;
  readonly maxIdleTimeMS: number;
  readonly serverSelectionTimeoutMS: number;
  readonly connectTimeoutMS: number;
  /** Kept back from the Lambda's remaining time so a stalled database answers 503 before the timeout. */
  readonly timeoutMarginMs: number;
  readonly maxBodyBytes: number;
  /** Origins whose pages may read the answers (`*`: any); applied behind a REST API only. */
  readonly corsOrigins: readonly string[];
  /** HMAC key of keyset pagination cursors (a documented dev default when unset). */
  readonly cursorSecret: string;
  /** Extra connections by lower-case name; models name one, `default` is the one above. */
  readonly connections: Readonly<Record<string, NamedConnection>>;
}

/** Missing or malformed configuration; the message names each variable, never its value. */
export class ConfigError extends Error {
  readonly variables: readonly string[];
  constructor(issues: readonly ConfigIssue[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable} ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
    this.variables = issues.map((i) => i.variable);
  }
}

/** Every `MONGODB_<NAME>_URI` with its `MONGODB_<NAME>_DB`, validated like the default pair. */
function namedConnections(
  env: Readonly<Record<string, string>>,
  issues: ConfigIssue[],
): Record<string, NamedConnection> {
  const out: Record<string, NamedConnection> = {};
  for (const [variable, value] of Object.entries(env)) {
    const name = CONNECTION_URI_VARIABLE.exec(variable)?.[1];
    if (name === undefined) continue;
    const dbVariable = `MONGODB_${name}_DB`;
    const uri = connectionUri.safeParse(value);
    const db = connectionDb.safeParse(env[dbVariable]);
    if (!uri.success) issues.push({ variable, message: uri.error.issues[0]?.message ?? 'invalid' });
    if (!db.success) {
      const missing = env[dbVariable] === undefined;
      issues.push({ variable: dbVariable, message: missing ? 'is required' : 'is invalid' });
    }
    if (uri.success && db.success) {
      out[name.toLowerCase()] = Object.freeze({ uri: uri.data, dbName: db.data });
    }
  }
  return out;
}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const { present, data, issues } = parseVariables(EnvSchema, env);
  if (!('MONGODB_URI' in present) && !('MONGODB_URI_SSM_PARAMETER' in present)) {
    issues.unshift({
      variable: 'MONGODB_URI',
      message: 'or MONGODB_URI_SSM_PARAMETER must be set',
    });
  }
  const connections = namedConnections(present, issues);
  if (!data || issues.length > 0) throw new ConfigError(issues);
  const e = data;
  if (e.MONGODB_MIN_POOL_SIZE > e.MONGODB_MAX_POOL_SIZE) {
    throw new ConfigError([
      { variable: 'MONGODB_MIN_POOL_SIZE', message: 'must not exceed MONGODB_MAX_POOL_SIZE' },
    ]);
  }
  return Object.freeze({
    uriSource:
      e.MONGODB_URI !== undefined
        ? Object.freeze({ kind: 'env' as const, uri: e.MONGODB_URI })
        : Object.freeze({
            kind: 'ssm' as const,
            parameter: e.MONGODB_URI_SSM_PARAMETER as string,
            ttlMs: e.MONGODB_URI_SSM_CACHE_TTL_MS,
          }),
    dbName: e.MONGODB_DB,
    appName: e.AWS_LAMBDA_FUNCTION_NAME,
    maxPoolSize: e.MONGODB_MAX_POOL_SIZE,
    minPoolSize: e.MONGODB_MIN_POOL_SIZE,
    maxIdleTimeMS: e.MONGODB_MAX_IDLE_TIME_MS,
    serverSelectionTimeoutMS: e.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
    connectTimeoutMS: e.MONGODB_CONNECT_TIMEOUT_MS,
    timeoutMarginMs: e.MONGODB_TIMEOUT_MARGIN_MS,
    maxBodyBytes: e.HTTP_MAX_BODY_BYTES,
    corsOrigins: Object.freeze(e.CORS_ALLOWED_ORIGINS.split(',').map((origin) => origin.trim())),
    cursorSecret: e.PAGINATION_CURSOR_SECRET,
    connections: Object.freeze(connections),
  });
}
