import {
  getObservabilityConfig,
  type ObservabilityConfig,
  type ObservabilityLogLevel,
} from '#lib/config/observability.ts';
import { redact } from '#lib/log/index.ts';

const RANK: Readonly<Record<ObservabilityLogLevel, number>> = Object.freeze({
  DEBUG: 10,
  INFO: 20,
  WARN: 30,
  ERROR: 40,
  SILENT: 100,
});

type LineLevel = Exclude<ObservabilityLogLevel, 'SILENT'>;

export interface LineWriter {
  enabled(level: LineLevel): boolean;
  /**
   * One line `{level, message, timestamp, service, ...fields}`, if the level is enabled;
   * `rawMembers` (trusted, already JSON: `"name":value,...`) is appended to the object.
   */
  write(
    level: LineLevel,
    message: string,
    fields: Readonly<Record<string, unknown>>,
    rawMembers?: string,
  ): void;
  /** One line of exactly these fields (an EMF blob), whatever the level. */
  writeRaw(fields: Readonly<Record<string, unknown>>): void;
}

/**
 * Pure JSON lines straight to stdout, as Powertools does (no Lambda runtime prefix, so Logs
 * Insights sees the fields and CloudWatch extracts EMF), with its key names. Hand-built
 * rather than Powertools Logger: measured 11-15 µs per line there, 53 µs with the EMF
 * directive embedded (it deep-merges every attribute and re-reads process.env per access),
 * against ~2 µs here, on a warm invocation of ~200 µs. The whole line is redacted once.
 */
export function createLineWriter(
  config: ObservabilityConfig,
  out: (text: string) => void = (text) => process.stdout.write(text),
): LineWriter {
  const threshold = RANK[config.logLevel];
  // No replacer function: it takes JSON.stringify off its fast path (~25 µs a line).
  const emit = (record: Readonly<Record<string, unknown>>, rawMembers?: string) => {
    const json = JSON.stringify(safeFields(record));
    const text = rawMembers === undefined ? json : `${json.slice(0, -1)},${rawMembers}}`;
    out(`${redact(text)}\n`);
  };
  return Object.freeze({
    enabled: (level: LineLevel) => RANK[level] >= threshold,
    write: (
      level: LineLevel,
      message: string,
      fields: Readonly<Record<string, unknown>>,
      rawMembers?: string,
    ) => {
      if (RANK[level] < threshold) return;
      emit(
        {
          level,
          message,
          timestamp: new Date().toISOString(),
          service: config.serviceName,
          ...fields,
        },
        rawMembers,
      );
    },
    writeRaw: (fields: Readonly<Record<string, unknown>>) => emit(fields),
  });
}

/** An Error field never reaches a line with its stack: name and message only (then redacted). */
function safeFields(record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    const value = record[key];
    if (value instanceof Error) {
      copy ??= { ...record };
      copy[key] = { errorName: value.name, errorMessage: value.message };
    }
  }
  return copy ?? record;
}

let shared: LineWriter | undefined;

/** The container's writer, configured from the environment on first use (cold start). */
export function observabilityWriter(): LineWriter {
  shared ??= createLineWriter(getObservabilityConfig());
  return shared;
}
