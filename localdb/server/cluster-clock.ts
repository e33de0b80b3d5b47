import { Binary, type Document, Long, Timestamp } from 'bson';

/**
 * The one source of cluster time: every reply carries `$clusterTime` and `operationTime` from here, and
 * each write advances it, so sessions/causal consistency and transactions can later build on it alone.
 */
export class ClusterClock {
  private seconds = Math.floor(Date.now() / 1000);
  private increment = 0;
  private lastWriteAt = new Date();

  /** The latest cluster time, without advancing it (reads). */
  now(): Timestamp {
    return new Timestamp({ t: this.seconds, i: this.increment });
  }

  /** Advances the cluster time for a write and returns the write's operation time. */
  tick(): Timestamp {
    const wallSeconds = Math.floor(Date.now() / 1000);
    if (wallSeconds > this.seconds) {
      this.seconds = wallSeconds;
      this.increment = 1;
    } else {
      this.increment += 1;
    }
    this.lastWriteAt = new Date();
    return this.now();
  }

  /**
   * Moves the cluster time forward to `time` if it is ahead (a client's gossiped `$clusterTime`, or a
   * read's `afterClusterTime` beyond the last write, which mongod satisfies with a no-op write).
   */
  advanceTo(time: Timestamp): void {
    const seconds = time.t;
    const increment = time.i;
    if (seconds > this.seconds || (seconds === this.seconds && increment > this.increment)) {
      this.seconds = seconds;
      this.increment = increment;
    }
  }

  /** When the last write happened, for `hello.lastWrite`. */
  get lastWriteDate(): Date {
    return this.lastWriteAt;
  }

  /** The fields gossiped on every reply. The signature is a dummy: localdb has no keys to sign with. */
  gossip(operationTime: Timestamp = this.now()): Document {
    return {
      $clusterTime: {
        clusterTime: this.now(),
        signature: { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) },
      },
      operationTime,
    };
  }
}
