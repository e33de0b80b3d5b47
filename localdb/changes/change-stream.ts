import type { Document, Timestamp } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { CommandError } from '../errors.ts';
import { canonicalKey } from '../query/canonical-key.ts';
import { withMingo } from '../query/mingo-errors.ts';
import { queryOptions } from '../query/query-options.ts';
import { withMongoRegExps } from '../query/regex.ts';
import { restoreOriginals, toView, toViewDocument } from '../query/view.ts';
import type { TailingBatch, TailingSource } from '../storage/cursor-store.ts';
import {
  changeEvent,
  type DocumentLookup,
  invalidateEvent,
  missingImageError,
} from './change-event.ts';
import type { ChangeLog } from './change-log.ts';
import { encodeResumeToken } from './resume-token.ts';
import type { StreamOptions } from './stream-options.ts';
import { inScope, invalidates, type StreamScope } from './stream-scope.ts';

function historyLost(): never {
  throw new CommandError(
    'ChangeStreamHistoryLost',
    'Resume of change stream was not possible, as the resume point may no longer be in the oplog.',
  );
}

/**
 * One open change stream: reads the change log from its position, builds the events its scope
 * and options show, and runs them through the stages after `$changeStream`. Held by the cursor
 * store as a tailing cursor; closes after an invalidate event.
 */
export class ChangeStream implements TailingSource {
  readonly #log: ChangeLog;
  readonly #scope: StreamScope;
  readonly #options: StreamOptions;
  readonly #lookup: DocumentLookup;
  readonly #stages: Document[];
  /** The seq of the last record read. */
  #position: number;
  /** Events built but not yet handed out (an invalidate after a full batch). */
  readonly #queued: Document[] = [];
  #ended = false;
  #notBefore: Timestamp | undefined;

  constructor(
    log: ChangeLog,
    scope: StreamScope,
    options: StreamOptions,
    lookup: DocumentLookup,
    stages: Document[],
  ) {
    this.#log = log;
    this.#scope = scope;
    this.#options = options;
    this.#lookup = lookup;
    this.#stages = stages.length > 0 ? withMongoRegExps(toView(stages) as Document[]) : [];
    this.#position = this.#startPosition();
  }

  get closed(): boolean {
    return this.#ended && this.#queued.length === 0;
  }

  #startPosition(): number {
    const log = this.#log;
    const start = this.#options.start;
    if (start === undefined) return log.head;
    if ('atTime' in start) {
      const oldest = log.at(log.oldest);
      if (log.oldest > 1 && (!oldest || start.atTime.lt(oldest.clusterTime))) historyLost();
      this.#notBefore = start.atTime;
      return log.positionAt(start.atTime);
    }
    const { after } = start;
    if (after.epoch !== log.epoch || after.seq > log.head || after.seq < log.oldest - 1)
      historyLost();
    const record = log.at(after.seq);
    // Resuming after the event that ended a stream hands out that stream's invalidate again.
    if (!after.invalidate && record && invalidates(this.#scope, record.entry)) {
      this.#queued.push(invalidateEvent(record, log.epoch));
      this.#ended = true;
    }
    return after.seq;
  }

  /** Up to `max` events, and the token to resume after them. */
  take(max: number): TailingBatch {
    const batch: Document[] = [];
    while (batch.length < max) {
      const queued = this.#queued.shift();
      if (queued) {
        batch.push(queued);
        continue;
      }
      if (this.#ended || this.#position >= this.#log.head) break;
      if (this.#position + 1 < this.#log.oldest) historyLost();
      this.#position += 1;
      this.#read(this.#position);
    }
    const full = batch.length === max && batch.length > 0;
    return { batch, token: full ? (batch[batch.length - 1]?._id as Document) : this.#idleToken() };
  }

  waitForMore(ms: number, signal?: AbortSignal): Promise<void> {
    return this.#log.whenAppended(ms, signal);
  }

  #read(seq: number): void {
    const record = this.#log.at(seq);
    if (!record || !inScope(this.#scope, record.entry)) return;
    if (this.#notBefore && record.clusterTime.lt(this.#notBefore)) return;
    const built = changeEvent(record, this.#log.epoch, this.#options, this.#lookup);
    if (built) {
      const results = this.#transformed(built.event);
      if (built.missing && results.length > 0) throw missingImageError(built.missing, built.event);
      this.#queued.push(...results);
    }
    if (invalidates(this.#scope, record.entry)) {
      this.#queued.push(...this.#transformed(invalidateEvent(record, this.#log.epoch)));
      this.#ended = true;
    }
  }

  /** The event after the stream's own stages (none, or one per result), its `_id` untouched. */
  #transformed(event: Document): Document[] {
    if (this.#stages.length === 0) return [event];
    const results = withMingo(() =>
      new Aggregator(this.#stages, queryOptions()).run([toViewDocument(event)]),
    ).map((result) => restoreOriginals(result, undefined, event) as Document);
    const token = canonicalKey(event._id);
    if (results.some((result) => canonicalKey(result._id) !== token)) {
      throw new CommandError(
        'ChangeStreamFatalError',
        'Encountered an event whose _id field, which contains the resume token, was modified by the pipeline. Modifying the _id field of an event makes it impossible to resume the stream from that point. Only transformations that retain the unmodified _id field are allowed.',
      );
    }
    return results;
  }

  /** The token of the stream's read position: where a resume starts when it has read everything. */
  #idleToken(): Document {
    const record = this.#log.at(this.#position);
    return encodeResumeToken({
      clusterTime: record?.clusterTime ?? this.#log.now(),
      epoch: this.#log.epoch,
      seq: this.#position,
      invalidate: false,
    });
  }
}
