import { type Document, Timestamp } from 'bson';
import { CommandError } from '../errors.ts';
import type { ClusterClock } from '../server/cluster-clock.ts';

const READ_CONCERN_LEVELS: ReadonlySet<string> = new Set([
  'local',
  'majority',
  'linearizable',
  'available',
  'snapshot',
]);

/**
 * A client's `$clusterTime` is accepted (localdb signs nothing, so there is nothing to verify) and
 * moves the cluster time forward, as mongod's vector clock gossips in.
 */
export function gossipIn(command: Document, clock: ClusterClock): void {
  const gossiped = command.$clusterTime;
  if (gossiped === null || typeof gossiped !== 'object') return;
  const time = (gossiped as Document).clusterTime;
  if (time instanceof Timestamp) clock.advanceTo(time);
}

/**
 * Checks `readConcern` and satisfies `afterClusterTime`. One node holds every write it acknowledged,
 * so no wait is needed: a time beyond the last write is reached at once, as mongod does with a no-op
 * write, and every level (majority and snapshot included) reads the same data.
 */
export function applyReadConcern(command: Document, clock: ClusterClock): void {
  const readConcern = command.readConcern;
  if (readConcern === undefined) return;
  if (readConcern === null || typeof readConcern !== 'object' || Array.isArray(readConcern)) {
    throw new CommandError('TypeMismatch', "BSON field 'readConcern' must be an object");
  }
  const { level, afterClusterTime } = readConcern as Document;
  if (level !== undefined && (typeof level !== 'string' || !READ_CONCERN_LEVELS.has(level))) {
    throw new CommandError(
      'BadValue',
      `Enumeration value '${String(level)}' for field 'readConcern.level' is not a valid value.`,
    );
  }
  if (afterClusterTime === undefined) return;
  if (!(afterClusterTime instanceof Timestamp)) {
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'readConcern.afterClusterTime' must be a timestamp",
    );
  }
  clock.advanceTo(afterClusterTime);
}
