import { type Document, Long } from 'bson';
import { CommandError } from '../../errors.ts';
import { compileFilter } from '../../query/filter.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { CappedTail } from '../../storage/capped-tail.ts';
import type { Collection } from '../../storage/collection.ts';
import { DEFAULT_FIRST_BATCH } from '../../storage/cursor-store.ts';
import type { CommandContext } from '../types.ts';
import { project } from './projection.ts';

export interface TailableFind {
  readonly ns: string;
  readonly collection: Collection | undefined;
  readonly awaitData: boolean;
  readonly filter: Document;
  readonly variables: Document | undefined;
  readonly projection: Document | undefined;
  readonly sort: Document | undefined;
  readonly batchSize: number | undefined;
}

/** Checks `tailable` and `awaitData` of a find; whether the find tails. */
export function tailsCapped(command: Document): boolean {
  if (command.awaitData === true && command.tailable !== true) {
    throw new CommandError(
      'FailedToParse',
      "Cannot set 'awaitData' without also setting 'tailable'",
    );
  }
  return command.tailable === true;
}

/**
 * A tailable find on a capped collection: the documents in insertion order, then a cursor that
 * waits for more (awaitData) or answers at once. As in mongod, no cursor stays open on an
 * empty collection, and only natural order is allowed.
 */
export function tailableFind(find: TailableFind, context: CommandContext): Document {
  const { collection, sort, ns } = find;
  if (collection && !collection.capped) {
    throw new CommandError(
      'BadValue',
      `error processing query: ns=${ns} tailable cursor requested on non capped collection`,
    );
  }
  const keys = Object.keys(sort ?? {});
  if (
    keys.length > 1 ||
    (keys.length === 1 && (keys[0] !== '$natural' || Number(sort?.$natural) !== 1))
  )
    throw new CommandError(
      'BadValue',
      'cannot use tailable option with a sort other than {$natural: 1}',
    );
  const filter = withMingo(() => compileFilter(find.filter, find.variables));
  const { engine } = context;
  if (!collection || collection.docs.size === 0)
    return { cursor: { firstBatch: [], id: Long.ZERO, ns } };
  const tail = new CappedTail({
    collection,
    filter,
    project: (doc) => project([doc], find.projection)[0] ?? doc,
    awaitData: find.awaitData,
    alive: () => engine.collection(collection.db, collection.name) === collection,
    whenWritten: (ms, signal) => engine.changes.whenAppended(ms, signal),
  });
  const { batch, id } = engine.cursors.openTailing(ns, tail, find.batchSize ?? DEFAULT_FIRST_BATCH);
  return { cursor: { firstBatch: batch, id, ns } };
}
