/** mongod's transactionLifetimeLimitSeconds default. */
export const DEFAULT_TRANSACTION_LIFETIME_MS = 60_000;

/** The lifetime limit from LOCALDB_TRANSACTION_LIFETIME_MS (tests shorten it), else MongoDB's 60 s. */
export function lifetimeFromEnv(): number {
  const raw = process.env.LOCALDB_TRANSACTION_LIFETIME_MS;
  if (raw === undefined || raw === '') return DEFAULT_TRANSACTION_LIFETIME_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`LOCALDB_TRANSACTION_LIFETIME_MS must be a positive number, got '${raw}'`);
  }
  return ms;
}
