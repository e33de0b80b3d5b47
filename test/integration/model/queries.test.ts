import { ObjectId } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { model, objectId } from '#lib/model/index.ts';
import { rejection, useModelFixture } from './support.ts';

const Part = z.strictObject({ name: z.string().min(1), qty: z.int().min(0) });
const Widget = model({
  name: 'widget',
  collection: 'widgets',
  timestamps: true,
  schema: z.strictObject({
    name: z.string().trim().min(1).max(20),
    kind: z.enum(['a', 'b']).default('a'),
    stock: z.int().min(0).default(0),
    tags: z.array(z.string()).default(() => []),
    parts: z.array(Part).default(() => []),
    ownerId: z.optional(objectId()),
    note: z.string().optional(),
    serial: z.string().default(() => new ObjectId().toHexString()),
  }),
}).withQueries({
  ofKind: (widgets, kind: 'a' | 'b') => widgets.find({ kind }, { sort: { name: 1 } }),
  named: (widgets, name: string) => widgets.firstOr404({ name }),
});

const f = useModelFixture('model_queries', { emptied: ['widgets'] });
const widgets = () => Widget.bind(f.ctx());

describe('insert', () => {
  it('applies static and computed defaults, timestamps, and stores ObjectId from its hex form', async () => {
    const owner = new ObjectId();
    const doc = await widgets().insert({ name: ' Gear ', ownerId: owner.toHexString() });
    expect(doc).toMatchObject({ name: 'Gear', kind: 'a', stock: 0, tags: [], parts: [] });
    expect(doc.serial).toMatch(/^[0-9a-f]{24}$/);
    expect(doc.createdAt).toBeInstanceOf(Date);
    expect(doc.updatedAt).toEqual(doc.createdAt);
    const raw = await f.db.collection('widgets').findOne({ _id: doc._id });
    expect(raw?.ownerId).toBeInstanceOf(ObjectId);
    expect(raw?.ownerId.equals(owner)).toBe(true);
    expect(raw).toEqual(doc);
    const other = await widgets().insert({ name: 'Cog' });
    expect(other.serial).not.toBe(doc.serial);
  });

  it('refuses invalid documents with a 422 listing pointers, writing nothing', async () => {
    const error = await rejection(
      widgets().insert({ name: '', kind: 'c', parts: [{ name: 'x', qty: -1 }], extra: 1 } as never),
    );
    expect(error.statusCode).toBe(422);
    expect(error.errors?.map((e) => e.pointer).sort()).toEqual([
      '/body/extra',
      '/body/kind',
      '/body/name',
      '/body/parts/0/qty',
    ]);
    expect(await widgets().count()).toBe(0);
  });
});

describe('reads', () => {
  it('get / getOr404 / find with sort, limit, projection / first / firstOr404 / count / exists', async () => {
    const a = await widgets().insert({ name: 'A', kind: 'b', stock: 3 });
    await widgets().insert({ name: 'B', stock: 1 });
    await widgets().insert({ name: 'C', kind: 'b', stock: 2 });
    expect((await widgets().get(a._id))?.name).toBe('A');
    expect((await widgets().get(a._id.toHexString()))?.name).toBe('A');
    expect(await widgets().get('not-an-id')).toBeNull();
    const missing = await rejection(widgets().getOr404(new ObjectId('65a1b2c3d4e5f60718293a4b')));
    expect([missing.statusCode, missing.type, missing.message]).toEqual([
      404,
      'not-found',
      'No widget with id 65a1b2c3d4e5f60718293a4b',
    ]);
    const sorted = await widgets().find(
      {},
      { sort: { stock: -1 }, limit: 2, projection: { name: 1 } },
    );
    expect(sorted).toEqual([
      { _id: a._id, name: 'A' },
      { _id: expect.any(ObjectId), name: 'C' },
    ]);
    expect((await widgets().first({ kind: 'b' }, { sort: { name: -1 } }))?.name).toBe('C');
    expect(await widgets().first({ name: 'Z' })).toBeNull();
    expect((await rejection(widgets().firstOr404({ name: 'Z' }))).statusCode).toBe(404);
    expect(await widgets().count({ kind: 'b' })).toBe(2);
    expect(await widgets().exists({ name: 'B' })).toBe(true);
    expect(await widgets().exists({ name: 'Z' })).toBe(false);
  });

  it('named queries run on the bound model (Person.query.get_johns())', async () => {
    await widgets().insert({ name: 'Y', kind: 'b' });
    await widgets().insert({ name: 'X', kind: 'b' });
    await widgets().insert({ name: 'W' });
    expect((await widgets().query.ofKind('b')).map((w) => w.name)).toEqual(['X', 'Y']);
    expect((await widgets().query.named('W')).kind).toBe('a');
    expect((await rejection(widgets().query.named('none'))).statusCode).toBe(404);
  });

  it('aggregates with a typed result', async () => {
    await widgets().insert({ name: 'A', kind: 'b', stock: 3 });
    await widgets().insert({ name: 'B', kind: 'b', stock: 4 });
    await widgets().insert({ name: 'C', stock: 1 });
    const totals = await widgets().aggregate<{ _id: string; stock: number }>([
      { $group: { _id: '$kind', stock: { $sum: '$stock' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(totals).toEqual([
      { _id: 'a', stock: 1 },
      { _id: 'b', stock: 7 },
    ]);
  });
});

describe('updates', () => {
  it('validated $set, $unset, $inc and $push; updatedAt moves, createdAt stays', async () => {
    const w = await widgets().insert({ name: 'A', note: 'n' });
    const updated = await widgets().update(w._id, {
      set: { name: ' B ' },
      unset: ['note'],
      inc: { stock: 5 },
      push: { tags: 'new', parts: { name: 'bolt', qty: 2 } },
    });
    expect(updated).toMatchObject({
      name: 'B',
      stock: 5,
      tags: ['new'],
      parts: [{ name: 'bolt', qty: 2 }],
    });
    expect(updated).not.toHaveProperty('note');
    expect(updated?.createdAt).toEqual(w.createdAt);
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(w.updatedAt.getTime());
  });

  it('refuses unknown fields, wrong values, $inc on non-numbers, $push on non-arrays, unset of required fields', async () => {
    const w = await widgets().insert({ name: 'A' });
    const error = await rejection(
      widgets().update(w._id, {
        set: { name: '', bogus: 1 } as never,
        inc: { name: 1 } as never,
        push: { name: 'x', parts: { name: 'p', qty: -1 } } as never,
        unset: ['kind'] as never,
      }),
    );
    expect(error.statusCode).toBe(422);
    expect(error.errors?.map((e) => `${e.pointer} ${e.detail}`).sort()).toEqual([
      '/body/bogus is not a field of this document',
      '/body/kind is required',
      expect.stringMatching(/^\/body\/name /),
      '/body/name is not a number field',
      '/body/name is not an array field',
      expect.stringMatching(/^\/body\/parts\/qty /),
    ]);
    expect(await widgets().get(w._id)).toEqual(w);
    expect((await rejection(widgets().update(w._id, {}))).statusCode).toBe(422);
  });

  it('update of an absent document is null; updateOr404 is a 404', async () => {
    const id = new ObjectId();
    expect(await widgets().update(id, { set: { name: 'x' } })).toBeNull();
    expect((await rejection(widgets().updateOr404(id, { set: { name: 'x' } }))).statusCode).toBe(
      404,
    );
  });

  it('upsert creates, then updates the same document (createdAt only on insert)', async () => {
    const first = await widgets().upsert({ name: 'U' }, { name: 'U', stock: 1 });
    expect(first.created).toBe(true);
    const second = await widgets().upsert({ name: 'U' }, { name: 'U', stock: 2 });
    expect(second).toMatchObject({ created: false, doc: { _id: first.doc._id, stock: 2 } });
    expect(second.doc.createdAt).toEqual(first.doc.createdAt);
    expect(await widgets().count()).toBe(1);
  });

  it('replace swaps the whole document keeping createdAt; save inserts or replaces by _id', async () => {
    const w = await widgets().insert({ name: 'R', note: 'gone', stock: 4 });
    const replaced = await widgets().replace(w._id, { name: 'R2' });
    expect(replaced).toMatchObject({ _id: w._id, name: 'R2', stock: 0, createdAt: w.createdAt });
    expect(replaced).not.toHaveProperty('note');
    expect(await widgets().replace(new ObjectId(), { name: 'x' })).toBeNull();
    const saved = await widgets().save({ name: 'S' });
    const resaved = await widgets().save({ _id: saved._id, name: 'S2' });
    expect(resaved).toMatchObject({ _id: saved._id, name: 'S2', createdAt: saved.createdAt });
    expect(await widgets().get(saved._id)).toEqual(resaved);
  });

  it('delete tells whether a document went; deleteOr404', async () => {
    const w = await widgets().insert({ name: 'D' });
    expect(await widgets().delete(w._id)).toBe(true);
    expect(await widgets().delete(w._id)).toBe(false);
    expect((await rejection(widgets().deleteOr404(w._id))).statusCode).toBe(404);
  });
});

describe('insertMany', () => {
  beforeAll(() => f.db.collection('widgets').createIndex({ name: 1 }, { unique: true }));

  it('unordered: stores every valid item, reports 422 and 409 at their own index', async () => {
    await widgets().insert({ name: 'taken' });
    const report = await widgets().insertMany(
      [{ name: 'a' }, { name: '' }, { name: 'taken' }, { name: 'b' }],
      { ordered: false },
    );
    expect(report).toMatchObject({ ordered: false, inserted: 2, failed: 2 });
    expect(report.items.map((i) => i.status)).toEqual([201, 422, 409, 201]);
    expect(report.items[1]?.errors).toEqual([
      { pointer: '/body/1/name', detail: expect.any(String) },
    ]);
    expect(report.items[2]).toMatchObject({ type: '/problems/duplicate-key' });
    expect(await widgets().count()).toBe(3);
    expect(await widgets().get(report.items[0]!._id!)).toMatchObject({ name: 'a' });
  });

  it('ordered: stops at the first failure, later items are 424 not attempted', async () => {
    await widgets().insert({ name: 'taken' });
    const invalidFirst = await widgets().insertMany([{ name: 'a' }, { name: '' }, { name: 'b' }]);
    expect(invalidFirst.items.map((i) => i.status)).toEqual([201, 422, 424]);
    const duplicate = await widgets().insertMany([{ name: 'c' }, { name: 'taken' }, { name: 'd' }]);
    expect(duplicate.items.map((i) => i.status)).toEqual([201, 409, 424]);
    expect((await widgets().find({}, { sort: { name: 1 } })).map((w) => w.name)).toEqual([
      'a',
      'c',
      'taken',
    ]);
  });
});
