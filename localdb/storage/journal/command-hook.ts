import type { Document } from 'bson';
import type { BeforeCommandHook } from '../../commands/dispatch.ts';
import { isPlainObject } from '../../query/paths.ts';
import type { Journal } from './journal.ts';

/** Commands that change a collection's catalog in place (see CatalogTracker). */
const CATALOG_COMMANDS = new Set(['createIndexes', 'dropIndexes', 'collMod']);

/**
 * Whether a write concern asks for the journal: `j: true` or `fsync: true`; and, as MongoDB's
 * writeConcernMajorityJournalDefault (true) does on a replica set, an explicit `w: 'majority'`
 * without `j: false`. With no write concern at all, writes ride the group commit.
 */
export function wantsJournal(writeConcern: unknown): boolean {
  if (!isPlainObject(writeConcern)) return false;
  const { j, fsync, w } = writeConcern as Document;
  if (fsync !== undefined && Number(fsync)) return true;
  if (j !== undefined) return typeof j === 'boolean' ? j : Boolean(Number(j));
  return w === 'majority';
}

/**
 * The dispatcher hook of a journaled engine. After a catalog command it journals the catalog
 * change right away; after a command whose write concern wants the journal (any write command,
 * commitTransaction included) it fdatasyncs before the reply goes out. A failed sync turns into a
 * writeConcernError: the write is applied but not known to be durable.
 */
export function journalCommandHook(journal: Journal): BeforeCommandHook {
  return (name, command, context) => {
    const durable = wantsJournal(command.writeConcern);
    const catalog = CATALOG_COMMANDS.has(name) && typeof command[name] === 'string';
    if (!durable && !catalog) return undefined;
    return (reply) => {
      if (catalog) journal.checkCatalog(context.engine.collection(context.db, command[name]));
      if (!durable) return reply;
      try {
        journal.sync();
        return reply;
      } catch (error) {
        const errmsg = `journal sync failed: ${(error as Error).message}`;
        return {
          ...reply,
          writeConcernError: { code: 100, codeName: 'UnsatisfiableWriteConcern', errmsg },
        };
      }
    };
  };
}
