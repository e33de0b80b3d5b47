import { redact } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

/** Error details safe to log: name, code and a redacted message; the stack stays out of logs too. */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: redact(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    errorName: error.name,
    ...(code !== undefined ? { errorCode: code } : {}),
    errorMessage: redact(error.message),
    ...(error.cause instanceof Error ? { cause: describeError(error.cause) } : {}),
  };
}

/**
 * One JSON line per entry on stdout/stderr (CloudWatch-friendly). Every string value is
 * redacted, so a URI that slipped into a field is still masked.
 */
function write(level: LogLevel, message: string, fields: LogFields = {}): void {
  const line = JSON.stringify(
    { level, message, timestamp: new Date().toISOString(), ...fields },
    (_key, value) => (typeof value === 'string' ? redact(value) : value),
  );
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const logger = Object.freeze({
  debug: (message: string, fields?: LogFields) => write('debug', message, fields),
  info: (message: string, fields?: LogFields) => write('info', message, fields),
  warn: (message: string, fields?: LogFields) => write('warn', message, fields),
  error: (message: string, fields?: LogFields) => write('error', message, fields),
});
