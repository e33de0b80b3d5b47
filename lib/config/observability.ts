import * as z from 'zod/mini';
import { ConfigError } from './config.ts';
import { parseVariables } from './env-variables.ts';
import './zod-locale.ts';

/**
 * Observability settings (lib/observability), parsed apart from the database Config so a
 * script that only logs needs no database variables. lib/config/README.md documents each one.
 */
export const LOG_LEVELS = Object.freeze(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const);
export type ObservabilityLogLevel = (typeof LOG_LEVELS)[number];

export interface ObservabilityConfig {
  /** Powertools `service` key of every line and the `service` metric dimension. */
  readonly serviceName: string;
  readonly logLevel: ObservabilityLogLevel;
  /** A database command at least this slow logs one warning; 0 turns the warning off. */
  readonly slowOperationMs: number;
  /** CloudWatch namespace of the EMF metrics. */
  readonly metricsNamespace: string;
  /** Whether EMF metrics are written at all (off for quiet local runs). */
  readonly metricsEnabled: boolean;
}

const trimmed = (pattern: RegExp, message: string) =>
  z.string().check(z.trim(), z.regex(pattern, message));
const ObservabilityEnvSchema = z.object({
  SERVICE_NAME: z._default(
    trimmed(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores'),
    'lambda-mongo-kit',
  ),
  LOG_LEVEL: z._default(
    z.pipe(
      z.string().check(z.trim(), z.toUpperCase()),
      z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    ),
    'INFO',
  ),
  SLOW_OPERATION_MS: z._default(z.coerce.number().check(z.int(), z.nonnegative()), 500),
  METRICS_NAMESPACE: z._default(
    trimmed(/^[\w./#:-]{1,255}$/, 'must be a CloudWatch namespace'),
    'LambdaMongoKit',
  ),
  METRICS_ENABLED: z._default(
    z.enum(['true', 'false'], { error: 'must be true or false' }),
    'true',
  ),
});

/** Parses the observability settings; throws ConfigError naming each bad variable, never its value. */
export function parseObservabilityConfig(
  env: Readonly<Record<string, string | undefined>>,
): ObservabilityConfig {
  const { data: e, issues: invalid } = parseVariables(ObservabilityEnvSchema, env);
  if (!e) throw new ConfigError(invalid);
  return Object.freeze({
    serviceName: e.SERVICE_NAME,
    logLevel: e.LOG_LEVEL,
    slowOperationMs: e.SLOW_OPERATION_MS,
    metricsNamespace: e.METRICS_NAMESPACE,
    metricsEnabled: e.METRICS_ENABLED === 'true',
  });
}

let cached: ObservabilityConfig | undefined;

/** The container's observability settings, parsed from process.env on first use (cold start). */
export function getObservabilityConfig(): ObservabilityConfig {
  cached ??= parseObservabilityConfig(process.env);
  return cached;
}
