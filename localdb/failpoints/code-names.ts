import { ErrorCode } from '../errors.ts';

/**
 * Names of codes fail points are set to answer with, beyond those localdb raises itself
 * (src/mongo/base/error_codes.yml). Mostly the network, shutdown and not-primary codes drivers retry on.
 */
const INJECTED_CODE_NAMES: Readonly<Record<number, string>> = Object.freeze({
  6: 'HostUnreachable',
  7: 'HostNotFound',
  8: 'UnknownError',
  24: 'LockTimeout',
  63: 'OBSOLETE_StaleShardVersion',
  64: 'WriteConcernTimeout',
  79: 'UnknownReplWriteConcern',
  89: 'NetworkTimeout',
  91: 'ShutdownInProgress',
  100: 'UnsatisfiableWriteConcern',
  133: 'FailedToSatisfyReadPreference',
  134: 'ReadConcernMajorityNotAvailableYet',
  150: 'StaleEpoch',
  189: 'PrimarySteppedDown',
  234: 'RetryChangeStream',
  239: 'SnapshotTooOld',
  246: 'SnapshotUnavailable',
  249: 'StaleDbVersion',
  250: 'StaleChunkHistory',
  256: 'TransactionCommitted',
  262: 'ExceededTimeLimit',
  267: 'PreparedTransactionInProgress',
  272: 'MigrationConflict',
  280: 'ChangeStreamFatalError',
  286: 'ChangeStreamHistoryLost',
  9001: 'SocketException',
  10107: 'NotWritablePrimary',
  11600: 'InterruptedAtShutdown',
  11601: 'Interrupted',
  11602: 'InterruptedDueToReplStateChange',
  13388: 'StaleConfig',
  13435: 'NotPrimaryNoSecondaryOk',
  13436: 'NotPrimaryOrSecondary',
});

const OWN_CODE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(ErrorCode).map(([name, code]) => [code, name]),
);

/** MongoDB's name for a code; unknown codes are named `Location<code>`, as mongod does. */
export function codeName(code: number): string {
  return INJECTED_CODE_NAMES[code] ?? OWN_CODE_NAMES.get(code) ?? `Location${code}`;
}
