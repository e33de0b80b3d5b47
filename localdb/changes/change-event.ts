import { type Document, Long } from 'bson';
import { CommandError } from '../errors.ts';
import type { ChangeRecord } from './change-log.ts';
import { encodeResumeToken } from './resume-token.ts';
import type { StreamOptions } from './stream-options.ts';
import { describeUpdate } from './update-description.ts';

/** The current version of a document, for `fullDocument: 'updateLookup'`. */
export type DocumentLookup = (db: string, coll: string, id: unknown) => Document | null;

function tokenOf(record: ChangeRecord, epoch: number, invalidate: boolean): Document {
  return encodeResumeToken({ clusterTime: record.clusterTime, epoch, seq: record.seq, invalidate });
}

/** A `required` image the event lacks: an error once the stream's own stages keep the event. */
export type MissingImage = 'pre' | 'post' | undefined;

export function missingImageError(which: 'pre' | 'post', event: Document): CommandError {
  const events = which === 'pre' ? 'update, delete and replace events' : 'update events';
  const ns = JSON.stringify(event.ns ?? {});
  return new CommandError(
    'NoMatchingDocument',
    `Change stream was configured to require a ${which}-image for all ${events}, but the ${which}-image was not found for event: {operationType: "${String(event.operationType)}", ns: ${ns}}`,
  );
}

/** The post-image an update event carries under the stream's fullDocument mode (undefined: none). */
function updatedDocument(
  record: ChangeRecord,
  options: StreamOptions,
  lookup: DocumentLookup,
): Document | null | undefined {
  const { entry } = record;
  if (entry.kind !== 'update') return undefined;
  switch (options.fullDocument) {
    case 'default':
      return undefined;
    case 'updateLookup':
      return lookup(entry.db, entry.coll, entry.after._id);
    default:
      return entry.images ? entry.after : null;
  }
}

/** The pre-image an update, replace or delete event carries (undefined: none asked for). */
function previousDocument(
  record: ChangeRecord,
  options: StreamOptions,
): Document | null | undefined {
  const { entry } = record;
  if (options.fullDocumentBeforeChange === 'off' || !('before' in entry)) return undefined;
  return entry.images ? entry.before : null;
}

/** Which image the event should have had and does not, under a `required` mode. */
function missingImage(record: ChangeRecord, options: StreamOptions): MissingImage {
  const { entry } = record;
  if (!('before' in entry) || entry.images) return undefined;
  if (options.fullDocumentBeforeChange === 'required') return 'pre';
  return options.fullDocument === 'required' && entry.kind === 'update' ? 'post' : undefined;
}

/**
 * The change event of a record as mongod writes it (field order included), or undefined for a
 * change the stream does not show (`create` without showExpandedEvents). A `required` image
 * that is missing is reported, not thrown: mongod looks images up after the stream's own
 * `$match`, so events that filter drops never fail.
 */
export function changeEvent(
  record: ChangeRecord,
  epoch: number,
  options: StreamOptions,
  lookup: DocumentLookup,
): { readonly event: Document; readonly missing: MissingImage } | undefined {
  const { entry } = record;
  if (entry.kind === 'create' && !options.showExpandedEvents) return undefined;
  const event: Document = {
    _id: tokenOf(record, epoch, false),
    operationType: entry.kind,
    clusterTime: record.clusterTime,
    wallTime: record.wallTime,
  };
  if (entry.kind === 'insert' || entry.kind === 'replace') event.fullDocument = entry.after;
  const updated = updatedDocument(record, options, lookup);
  if (updated !== undefined) event.fullDocument = updated;
  event.ns = entry.kind === 'dropDatabase' ? { db: entry.db } : { db: entry.db, coll: entry.coll };
  if (entry.kind === 'rename') event.to = { db: entry.toDb, coll: entry.toColl };
  if ('after' in entry) event.documentKey = { _id: entry.after._id };
  else if ('before' in entry) event.documentKey = { _id: entry.before._id };
  if (entry.kind === 'update') event.updateDescription = describeUpdate(entry.before, entry.after);
  const previous = previousDocument(record, options);
  if (previous !== undefined) event.fullDocumentBeforeChange = previous;
  if (record.txn) {
    event.lsid = record.txn.lsid;
    event.txnNumber = Long.fromNumber(record.txn.txnNumber);
  }
  return { event, missing: missingImage(record, options) };
}

/** The event that ends a stream whose collection or database went away. */
export function invalidateEvent(record: ChangeRecord, epoch: number): Document {
  return {
    _id: tokenOf(record, epoch, true),
    operationType: 'invalidate',
    clusterTime: record.clusterTime,
    wallTime: record.wallTime,
  };
}
