import { Timestamp } from 'bson';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '#localdb/changes/change-log.ts';
import { ChangeStream } from '#localdb/changes/change-stream.ts';
import { parseStreamOptions } from '#localdb/changes/stream-options.ts';
import type { StreamScope } from '#localdb/changes/stream-scope.ts';
import { codeOf } from '#test/support/command-error-code.ts';

const SCOPE: StreamScope = { kind: 'collection', db: 'd', coll: 'c' };
const noLookup = () => null;

function logOf(capacity: number, inserts: number): ChangeLog {
  const log = new ChangeLog(capacity);
  for (let i = 1; i <= inserts; i++)
    log.append({ kind: 'insert', db: 'd', coll: 'c', after: { _id: i } });
  return log;
}

const open = (log: ChangeLog, spec: object = {}, stages: object[] = []) =>
  new ChangeStream(log, SCOPE, parseStreamOptions(spec), noLookup, stages);

describe('ChangeStream over the change log', () => {
  it('reads from where it opened, in batches, and resumes after any token it handed out', () => {
    const log = logOf(100, 2);
    const stream = open(log);
    log.append({ kind: 'insert', db: 'd', coll: 'c', after: { _id: 3 } });
    log.append({ kind: 'insert', db: 'other', coll: 'c', after: { _id: 'x' } });
    log.append({ kind: 'insert', db: 'd', coll: 'c', after: { _id: 4 } });
    const first = stream.take(1);
    expect(first.batch.map((e) => e.documentKey._id)).toEqual([3]);
    expect(first.token).toEqual(first.batch[0]?._id);
    const rest = stream.take(10);
    expect(rest.batch.map((e) => e.documentKey._id)).toEqual([4]);
    const resumed = open(log, { resumeAfter: first.token });
    expect(resumed.take(10).batch.map((e) => e.documentKey._id)).toEqual([4]);
    // An idle token (nothing left to read) resumes after everything read.
    expect(open(log, { resumeAfter: rest.token }).take(10).batch).toEqual([]);
  });

  it('fails with ChangeStreamHistoryLost once the log no longer holds its resume point', () => {
    const log = logOf(2, 1);
    const early = open(log, {}).take(0).token;
    const behind = open(log);
    for (let i = 0; i < 4; i++)
      log.append({ kind: 'insert', db: 'd', coll: 'c', after: { _id: i } });
    expect(log.oldest).toBeGreaterThan(2);
    expect(codeOf(() => open(log, { resumeAfter: early }))).toBe(286);
    expect(codeOf(() => behind.take(10))).toBe(286);
    expect(codeOf(() => open(log, { startAtOperationTime: new Timestamp({ t: 1, i: 0 }) }))).toBe(
      286,
    );
    // A token of another log (an earlier localdb process) points nowhere here.
    expect(codeOf(() => open(logOf(2, 1), { resumeAfter: early }))).toBe(286);
  });

  it('ends after a drop of its collection with an invalidate, handed out again to a resume after the drop', () => {
    const log = logOf(100, 0);
    const stream = open(log);
    log.append({ kind: 'drop', db: 'd', coll: 'c' });
    log.append({ kind: 'insert', db: 'd', coll: 'c', after: { _id: 'new' } });
    const dropped = stream.take(1);
    expect(dropped.batch.map((e) => e.operationType)).toEqual(['drop']);
    expect(stream.closed).toBe(false);
    const [invalidate] = stream.take(10).batch;
    expect(invalidate?.operationType).toBe('invalidate');
    expect(stream.closed).toBe(true);
    expect(
      open(log, { resumeAfter: dropped.token })
        .take(10)
        .batch.map((e) => e.operationType),
    ).toEqual(['invalidate']);
    expect(codeOf(() => open(log, { resumeAfter: invalidate?._id }))).toBe(260);
    const after = open(log, { startAfter: invalidate?._id }).take(10).batch;
    expect(after.map((e) => e.documentKey._id)).toEqual(['new']);
  });

  it('publishes a transaction’s changes together at one cluster time, and none of a failed commit', () => {
    const log = logOf(100, 0);
    const stream = open(log);
    const origin = { lsid: { id: 'session' }, txnNumber: 7 };
    expect(() =>
      log.committing(origin, () => {
        log.append({ kind: 'insert', db: 'd', coll: 'c', after: { _id: 'lost' } });
        throw new Error('commit failed');
      }),
    ).toThrow('commit failed');
    log.committing(origin, () => {
      log.append({ kind: 'insert', db: 'd', coll: 'c', after: { _id: 1 } });
      log.append({ kind: 'insert', db: 'd', coll: 'c', after: { _id: 2 } });
    });
    const events = stream.take(10).batch;
    expect(events.map((e) => e.documentKey._id)).toEqual([1, 2]);
    expect(events[0]?.clusterTime).toEqual(events[1]?.clusterTime);
    expect(events.map((e) => e.txnNumber?.toNumber())).toEqual([7, 7]);
  });
});
