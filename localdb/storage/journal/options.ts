/** Journal settings; tests shorten them, `npm start` runs on the defaults. */
export interface JournalOptions {
  /**
   * Group commit: writes without `j: true` are fdatasync'ed at most this long after their reply
   * (LOCALDB_JOURNAL_SYNC_MS, default 100 ms). That is the loss window on power loss or a kernel
   * crash; a killed localdb process loses nothing it acknowledged (records reach the kernel
   * before the reply).
   */
  readonly syncIntervalMs?: number | undefined;
  /**
   * The journal is compacted into a snapshot once it is this large, or as large as the last
   * snapshot if that is bigger (LOCALDB_JOURNAL_COMPACT_BYTES, default 64 MiB).
   */
  readonly compactBytes?: number | undefined;
}

export const JOURNAL_DEFAULTS = Object.freeze({
  syncIntervalMs: 100,
  compactBytes: 64 * 1024 * 1024,
});

function fromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name} must be a positive number, got '${raw}'`);
  return n;
}

export function resolveJournalOptions(options: JournalOptions = {}): Required<{
  [K in keyof JournalOptions]: number;
}> {
  return {
    syncIntervalMs:
      options.syncIntervalMs ??
      fromEnv('LOCALDB_JOURNAL_SYNC_MS') ??
      JOURNAL_DEFAULTS.syncIntervalMs,
    compactBytes:
      options.compactBytes ??
      fromEnv('LOCALDB_JOURNAL_COMPACT_BYTES') ??
      JOURNAL_DEFAULTS.compactBytes,
  };
}
