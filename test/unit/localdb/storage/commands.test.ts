import type { Document } from 'bson';
import { afterAll, describe, expect, it } from 'vitest';
import { dataCommands } from '#localdb/commands/data/index.ts';
import type { CommandContext } from '#localdb/commands/types.ts';
import { CommandError } from '#localdb/errors.ts';
import type { ServerState } from '#localdb/server/server-state.ts';
import { Engine } from '#localdb/storage/engine.ts';

const engine = new Engine();
const context: CommandContext = {
  db: 'unit',
  engine,
  server: { startedAt: new Date() } as unknown as ServerState,
  connectionId: 1,
};
const run = async (command: Document): Promise<Document> => {
  const name = Object.keys(command)[0] as string;
  const handler = dataCommands[name];
  if (!handler) throw new Error(`no handler ${name}`);
  return handler(command, context);
};
const codeOf = (command: Document) =>
  run(command).then(
    () => undefined,
    (e: unknown) => (e instanceof CommandError ? e.code : e),
  );

describe('data command handlers called directly', () => {
  afterAll(() => engine.close());

  it('answer wrong argument types with MongoDB codes and never crash', async () => {
    expect(await codeOf({ find: 1 })).toBe(73);
    expect(await codeOf({ find: 'c', filter: [] })).toBe(14);
    expect(await codeOf({ find: 'c', sort: { a: 2 } })).toBe(2);
    expect(await codeOf({ find: 'c', limit: 'x' })).toBe(14);
    expect(await codeOf({ find: 'c', wat: 1 })).toBe(40415);
    expect(await codeOf({ insert: 'c' })).toBe(40414);
    expect(await codeOf({ update: 'c', updates: [{ q: {}, u: { a: 1 }, multi: true }] })).toBe(
      undefined,
    );
    expect(await codeOf({ getMore: 'x', collection: 'c' })).toBe(14);
    expect(await codeOf({ createIndexes: 'c', indexes: [{ key: { a: 'up' } }] })).toBe(67);
    expect(await codeOf({ createIndexes: 'c', indexes: [{ key: { a: 1 }, colour: 1 }] })).toBe(197);
    expect(await codeOf({ create: 'v', viewOn: 5 })).toBe(2);
    // localdb's access paths are not mongod's plans: explain is refused, not imitated.
    expect(await codeOf({ explain: { find: 'c' } })).toBe(115);
    expect(await codeOf({ aggregate: 'c', pipeline: [], explain: true })).toBe(115);
    expect(await codeOf({ distinct: 'c', key: 1 })).toBe(14);
  });

  it('refuse an update pipeline whose stage is not a document, whether a document matches or not', async () => {
    await run({ insert: 'pipe', documents: [{ _id: 1, a: 1 }] });
    expect(await codeOf({ findAndModify: 'pipe', query: {}, update: [null] })).toBe(14);
    expect(await codeOf({ findAndModify: 'none', query: {}, update: [1], upsert: true })).toBe(14);
    const reply = await run({ update: 'pipe', updates: [{ q: {}, u: [{ $set: { b: 1 } }, 'x'] }] });
    expect([reply.n, reply.writeErrors?.[0]?.code]).toEqual([0, 14]);
    const stored = await run({ find: 'pipe' });
    expect(stored.cursor.firstBatch).toEqual([{ _id: 1, a: 1 }]);
  });

  it('keep documents as stored after pipelines that change their input objects', async () => {
    await run({ insert: 'kept', documents: [{ _id: 1, a: { b: 1 }, list: [] }] });
    const byB = async () =>
      (await run({ aggregate: 'kept', pipeline: [{ $match: { 'a.b': 1 } }], cursor: {} })).cursor
        .firstBatch;
    expect(await byB()).toHaveLength(1);
    // mingo's $addFields sets a nested path in a shallow copy, $unwind drops an empty array,
    // $project removes a dotted exclusion from a shallow copy.
    await run({ aggregate: 'kept', pipeline: [{ $addFields: { 'a.b': 5 } }], cursor: {} });
    const unwind = { path: '$list', preserveNullAndEmptyArrays: true };
    await run({ aggregate: 'kept', pipeline: [{ $unwind: unwind }], cursor: {} });
    await run({ aggregate: 'kept', pipeline: [{ $project: { 'a.b': 0 } }], cursor: {} });
    expect(await byB()).toEqual([{ _id: 1, a: { b: 1 }, list: [] }]);
    const listed = await run({ find: 'kept', filter: { list: { $exists: true } } });
    expect(listed.cursor.firstBatch).toHaveLength(1);
  });

  it('report per-statement errors in writeErrors for ordered and unordered writes', async () => {
    const ordered = await run({
      insert: 'w',
      documents: [{ _id: 1 }, 'bad', { _id: 1 }, { _id: 2 }],
    });
    expect(ordered).toEqual({
      n: 1,
      writeErrors: [{ index: 1, code: 14, errmsg: expect.any(String) }],
    });
    const unordered = await run({
      insert: 'w',
      documents: [{ _id: 1 }, { _id: 3 }],
      ordered: false,
    });
    expect(unordered.n).toBe(1);
    expect(unordered.writeErrors[0]).toMatchObject({
      index: 0,
      code: 11000,
      keyPattern: { _id: 1 },
      keyValue: { _id: 1 },
    });
    const multiReplace = await run({ update: 'w', updates: [{ q: {}, u: { a: 1 }, multi: true }] });
    expect(multiReplace.writeErrors[0]).toMatchObject({ index: 0, code: 72 });
  });

  it('upsert reports the generated or given _id with its statement index', async () => {
    const reply = await run({
      update: 'u',
      updates: [
        { q: { a: 1 }, u: { $set: { b: 1 } }, upsert: false },
        { q: { k: 'x' }, u: { $inc: { n: 1 } }, upsert: true },
      ],
    });
    expect(reply).toMatchObject({ n: 1, nModified: 0, upserted: [{ index: 1 }] });
    const found = await run({ find: 'u', filter: { k: 'x' } });
    expect(found.cursor.firstBatch).toEqual([{ _id: reply.upserted[0]._id, k: 'x', n: 1 }]);
  });
});
