import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ApiError } from '#lib/http/errors.ts';
import { model } from '#lib/model/index.ts';
import { useModelFixture } from './support.ts';

// Optimistic concurrency of a versioned model (lib/model/versioning.ts) through the driver.
const Note = model({
  name: 'note',
  collection: 'notes',
  timestamps: true,
  versioned: true,
  schema: z.strictObject({ text: z.string(), likes: z._default(z.int(), 0) }),
});

const f = useModelFixture('model_versioning', { emptied: ['notes'] });
const notes = () => Note.bind(f.ctx());
const stored = (id: ObjectId) => f.db.collection('notes').findOne({ _id: id });

async function statusOf(work: Promise<unknown>): Promise<number | 'ok'> {
  return work.then(
    () => 'ok' as const,
    (e: unknown) => {
      if (e instanceof ApiError) return e.statusCode;
      throw e;
    },
  );
}

describe('every write moves the version on', () => {
  it('insert 1; update, updateMany, upsert, replace and save one more each', async () => {
    const { _id } = await notes().insert({ text: 'a' });
    expect((await stored(_id))?.version).toBe(1);
    expect((await notes().updateOr404(_id, { inc: { likes: 1 } })).version).toBe(2);
    expect(await notes().updateMany({}, { set: { text: 'b' } })).toBe(1);
    expect((await stored(_id))?.version).toBe(3);
    const upserted = await notes().upsert({ _id }, { text: 'c' });
    expect(upserted).toMatchObject({ created: false, doc: { version: 4, text: 'c' } });
    const replaced = await notes().replace(_id, { text: 'd' });
    expect(replaced).toMatchObject({ version: 5, text: 'd', likes: 0 });
    expect((await notes().save({ _id, text: 'e' })).version).toBe(6);
    const fresh = await notes().upsert({ text: 'new' }, { text: 'new' });
    expect(fresh).toMatchObject({ created: true, doc: { version: 1 } });
    expect((await notes().save({ text: 'saved' })).version).toBe(1);
  });

  it('a document written before the model was versioned is at version 0', async () => {
    const { insertedId } = await f.db
      .collection('notes')
      .insertOne({ text: 'legacy', likes: 0, createdAt: new Date(), updatedAt: new Date() });
    expect(
      await statusOf(notes().updateOr404(insertedId, { set: { text: 'x' } }, { ifVersion: [1] })),
    ).toBe(412);
    const updated = await notes().updateOr404(
      insertedId,
      { set: { text: 'x' } },
      { ifVersion: [0] },
    );
    expect(updated.version).toBe(1);
  });
});

describe('ifVersion', () => {
  it('412 on another version, nothing written; absent stays absent (null / 404)', async () => {
    const { _id } = await notes().insert({ text: 'a' });
    await notes().update(_id, { set: { text: 'b' } });
    for (const work of [
      () => notes().update(_id, { set: { text: 'x' } }, { ifVersion: [1] }),
      () => notes().updateOr404(_id, { set: { text: 'x' } }, { ifVersion: [1, 3] }),
      () => notes().replace(_id, { text: 'x' }, { ifVersion: [1] }),
      () => notes().save({ _id, text: 'x' }, { ifVersion: [] }),
      () => notes().delete(_id, { ifVersion: [1] }),
      () => notes().deleteOr404(_id, { ifVersion: [1] }),
    ]) {
      expect(await statusOf(work())).toBe(412);
    }
    expect(await stored(_id)).toMatchObject({ text: 'b', version: 2 });
    const missing = new ObjectId();
    expect(await notes().update(missing, { set: { text: 'x' } }, { ifVersion: [1] })).toBeNull();
    expect(await statusOf(notes().deleteOr404(missing, { ifVersion: [1] }))).toBe(404);
    expect(
      await notes()
        .replace(missing, { text: 'x' })
        .then((d) => d),
    ).toBeNull();
    expect(await notes().delete(_id, { ifVersion: [2] })).toBe(true);
  });

  it('concurrent replacements each read again and none is lost', async () => {
    const { _id } = await notes().insert({ text: 'a' });
    const texts = ['b', 'c', 'd'];
    await Promise.all(texts.map((text) => notes().replace(_id, { text })));
    const after = await stored(_id);
    expect(after?.version).toBe(1 + texts.length);
    expect(texts).toContain(after?.text);
  });
});

describe('the definition', () => {
  it('refuses a schema that declares what the model writes itself', () => {
    const define = (shape: Record<string, z.ZodMiniType>) => () =>
      model({
        name: 'x',
        collection: 'x',
        timestamps: true,
        versioned: true,
        schema: z.strictObject(shape),
      });
    expect(define({ version: z.int() })).toThrow('model schema must not declare version');
    expect(define({ createdAt: z.date() })).toThrow('createdAt');
    expect(define({ text: z.string() })).not.toThrow();
  });
});

describe('write options', () => {
  it('refuses an unknown option or a version that is not an integer from 0', async () => {
    const { _id } = await notes().insert({ text: 'a' });
    const options = (o: object) => o as { ifVersion?: number[] };
    await expect(
      notes().update(_id, { set: { text: 'b' } }, options({ ifVerison: [1] })),
    ).rejects.toThrow('unknown write option: ifVerison');
    await expect(notes().delete(_id, options({ ifVersion: [1.5] }))).rejects.toThrow(/ifVersion/);
    await expect(notes().replace(_id, { text: 'b' }, options({ ifVersion: [-1] }))).rejects.toThrow(
      /ifVersion/,
    );
    expect((await stored(_id))?.version).toBe(1);
  });
});
