import type { CommandTable } from '../types.ts';
import { aggregate } from './aggregate.ts';
import { bulkWrite } from './bulk-write.ts';
import { collMod, create, drop, listCollections, renameCollection } from './collections.ts';
import { count, distinct } from './count-distinct.ts';
import { dropDatabase, listDatabases } from './databases.ts';
import { remove } from './delete.ts';
import { find } from './find.ts';
import { findAndModify } from './find-and-modify.ts';
import { getMore, killCursors } from './get-more.ts';
import { createIndexes, dropIndexes, listIndexes } from './indexes.ts';
import { insert } from './insert.ts';
import { update } from './update.ts';

export const dataCommands: CommandTable = Object.freeze({
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
});
