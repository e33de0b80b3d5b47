import { type Document, Int32, Long, ObjectId } from 'bson';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { dataCommands } from '#localdb/commands/data/index.ts';
import type { CommandContext } from '#localdb/commands/types.ts';
import { CommandError } from '#localdb/errors.ts';
import type { ServerState } from '#localdb/server/server-state.ts';
import { Engine } from '#localdb/storage/engine.ts';

const engine = new Engine();
const context: CommandContext = { db: 'fuzz', engine, server: {} as ServerState, connectionId: 1 };

const FIELDS: Readonly<Record<string, readonly string[]>> = {
  find: [
    'filter',
    'projection',
    'sort',
    'skip',
    'limit',
    'batchSize',
    'singleBatch',
    'hint',
    'let',
  ],
  insert: ['documents', 'ordered', 'bypassDocumentValidation'],
  update: ['updates', 'ordered', 'let'],
  delete: ['deletes', 'ordered'],
  findAndModify: ['query', 'sort', 'remove', 'update', 'new', 'fields', 'upsert', 'arrayFilters'],
  aggregate: ['pipeline', 'cursor', 'let'],
  count: ['query', 'limit', 'skip'],
  distinct: ['key', 'query'],
  createIndexes: ['indexes'],
  dropIndexes: ['index'],
  listIndexes: ['cursor'],
  listCollections: ['filter', 'nameOnly', 'cursor'],
  create: ['validator', 'validationLevel', 'validationAction'],
  collMod: ['validator', 'validationLevel', 'validationAction'],
  getMore: ['collection', 'batchSize'],
  killCursors: ['cursors'],
  renameCollection: ['to', 'dropTarget'],
  listDatabases: ['nameOnly', 'filter'],
};

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(
    '',
    'c',
    '$a',
    'a.b',
    '*',
    '$x.y',
    'c.d',
    'text',
    'fox -"a b"',
    '2dsphere',
    'Point',
    'Polygon',
    'updateLookup',
    'required',
    '82',
  ),
  fc.constant(new ObjectId('0123456789abcdef01234567')),
  fc.integer({ min: -2, max: 2 }).map((n) => new Int32(n)),
  fc.integer().map((n) => Long.fromNumber(n)),
  fc.constant(new Date(0)),
);
/** Keys of generated documents: command fields, query and update operators, pipeline stages. */
const KEYS = [
  ...['a', '_id', 'x.y', 'q', 'u', 'key', 'limit', 'pipeline', 'from', 'as', 'let', 'into'],
  ...['localField', 'foreignField', 'coll', 'newRoot', '$set', '$gt', '$expr'],
  ...['$match', '$group', '$project', '$unwind', '$sort', '$count', '$addFields'],
  ...['$replaceRoot', '$facet', '$lookup', '$unionWith', '$out', '$merge', '$documents'],
  ...['$text', '$search', '$meta', 'weights'],
  ...['$near', '$geometry', '$geoWithin', '$centerSphere', '$box', '$geoNear', 'near', 'type'],
  ...['$regex', '$options', '$mod', '$redact', '$bucket', '$setWindowFields', '$toObjectId'],
  ...['$changeStream', 'fullDocument', 'fullDocumentBeforeChange', 'resumeAfter', 'startAfter'],
  ...['startAtOperationTime', 'allChangesForCluster', 'showExpandedEvents', '_data'],
];
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('v'), { maxKeys: 3 }).map((o) => ({ ...o })),
  ),
})).v;

describe('data command handlers under arbitrary arguments', () => {
  afterAll(() => engine.close());

  it('answer with a reply or a CommandError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(FIELDS)),
        fc.oneof(fc.constant('c'), scalar),
        fc.array(fc.tuple(fc.nat(), value), { maxLength: 4 }),
        async (name, target, fields) => {
          const command: Document = { [name]: target };
          const allowed = FIELDS[name] ?? [];
          for (const [i, v] of fields) command[allowed[i % allowed.length] as string] = v;
          const handler = dataCommands[name];
          try {
            await handler?.(command, {
              ...context,
              db: name === 'renameCollection' ? 'admin' : 'fuzz',
            });
          } catch (error) {
            if (!(error instanceof CommandError)) {
              throw new Error(`${name} ${JSON.stringify(command)} threw ${String(error)}`, {
                cause: error,
              });
            }
            expect(error.code).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
