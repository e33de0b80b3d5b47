import { CommandError } from '../../errors.ts';

/**
 * `explain` (and aggregate's `explain: true`): refused plainly. An answer from localdb would
 * describe its own access paths, not mongod's planner, and mislead more than it helps.
 */
export function explain(): never {
  throw new CommandError(
    'CommandNotSupported',
    "localdb does not explain queries: its plans are not mongod's. Run explain on MongoDB (MONGODB_URI).",
  );
}
