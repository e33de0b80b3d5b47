/** Engine settings; tests shorten the timings, everything else runs on MongoDB's defaults. */
export interface EngineOptions {
  /** Folder for durable storage (journal + snapshot, see storage/journal); undefined = in memory. */
  readonly dbPath?: string | undefined;
  /** How often expired TTL documents are deleted (MongoDB: ttlMonitorSleepSecs, 60 s). */
  readonly ttlMonitorIntervalMs?: number | undefined;
  /** How long an idle cursor lives (MongoDB: cursorTimeoutMillis, 10 min). */
  readonly cursorTimeoutMs?: number | undefined;
  /** How many changes change streams can read back and resume from (MongoDB: the oplog size). */
  readonly changeLogSize?: number | undefined;
}

export interface ResolvedEngineOptions {
  readonly dbPath: string | undefined;
  readonly ttlMonitorIntervalMs: number;
  readonly cursorTimeoutMs: number;
  readonly changeLogSize: number;
}

export const ENGINE_DEFAULTS = Object.freeze({
  ttlMonitorIntervalMs: 60_000,
  cursorTimeoutMs: 600_000,
  changeLogSize: 10_000,
});

function fromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name} must be a positive number of milliseconds, got '${raw}'`);
  return n;
}

/**
 * The one place timings are read: explicit options first, then the environment
 * (LOCALDB_TTL_MONITOR_MS, LOCALDB_CURSOR_TIMEOUT_MS, LOCALDB_CHANGE_LOG_SIZE), then MongoDB's defaults.
 */
export function resolveEngineOptions(options: EngineOptions): ResolvedEngineOptions {
  return {
    dbPath: options.dbPath,
    ttlMonitorIntervalMs:
      options.ttlMonitorIntervalMs ??
      fromEnv('LOCALDB_TTL_MONITOR_MS') ??
      ENGINE_DEFAULTS.ttlMonitorIntervalMs,
    cursorTimeoutMs:
      options.cursorTimeoutMs ??
      fromEnv('LOCALDB_CURSOR_TIMEOUT_MS') ??
      ENGINE_DEFAULTS.cursorTimeoutMs,
    changeLogSize: Math.ceil(
      options.changeLogSize ?? fromEnv('LOCALDB_CHANGE_LOG_SIZE') ?? ENGINE_DEFAULTS.changeLogSize,
    ),
  };
}
