import { transactionControl, withSessionSemantics } from '../../transactions/index.ts';
import type { CommandHandler, CommandTable } from '../types.ts';
import { aggregate } from './aggregate.ts';
import { bulkWrite } from './bulk-write.ts';
import { collMod, create, drop, listCollections, renameCollection } from './collections.ts';
import { count, distinct } from './count-distinct.ts';
import { dropDatabase, listDatabases } from './databases.ts';
import { remove } from './delete.ts';
import { explain } from './explain.ts';
import { find } from './find.ts';
import { findAndModify } from './find-and-modify.ts';
import { getMore, killCursors } from './get-more.ts';
import { createIndexes, dropIndexes, listIndexes } from './indexes.ts';
import { insert } from './insert.ts';
import { update } from './update.ts';
import { onViews } from './view-commands.ts';
import { withWriteConcern } from './write-concern.ts';

const handlers: Record<string, CommandHandler> = {
  abortTransaction: transactionControl('abortTransaction'),
  commitTransaction: transactionControl('commitTransaction'),
  aggregate,
  bulkWrite,
  collMod,
  count,
  create,
  createIndexes,
  delete: remove,
  distinct,
  drop,
  dropDatabase,
  dropIndexes,
  explain,
  find,
  findAndModify,
  findandmodify: findAndModify,
  getMore,
  insert,
  killCursors,
  listCollections,
  listDatabases,
  listIndexes,
  renameCollection,
  update,
};

/** Every data command, with its session semantics (transactions, retryable writes, locks). */
export const dataCommands: CommandTable = Object.freeze(
  Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      withWriteConcern(name, withSessionSemantics(name, onViews(name, handler))),
    ]),
  ),
);
