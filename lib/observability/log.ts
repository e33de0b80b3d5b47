import { Logger } from '@aws-lambda-powertools/logger';
import { getObservabilityConfig, type ObservabilityConfig } from '#lib/config/observability.ts';
import { describeError, redact } from '#lib/log/index.ts';

/**
 * Powertools' replacer hook: every string is redacted (a URI that slipped into a field is
 * still masked) and an Error is reduced to name, code and redacted message, never its stack.
 */
function safeValue(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return describeError(value);
  return value;
}

export function createObservabilityLogger(config: ObservabilityConfig): Logger {
  return new Logger({
    serviceName: config.serviceName,
    logLevel: config.logLevel,
    jsonReplacerFn: safeValue,
  });
}

let shared: Logger | undefined;

/**
 * The container's Powertools Logger: pure JSON lines on stdout (its own Console, so the
 * Lambda runtime adds no prefix and Logs Insights sees fields), level from LOG_LEVEL.
 */
export function observabilityLogger(): Logger {
  shared ??= createObservabilityLogger(getObservabilityConfig());
  return shared;
}
