import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { model } from '#lib/model/index.ts';
import { useModelFixture } from './support.ts';

// A model's readOnly fields (lib/model/read-only.ts) through the driver: the server keeps them,
// so replacements and PUT keep the stored value whatever their input says.
const Post = model({
  name: 'post',
  collection: 'posts',
  timestamps: true,
  versioned: true,
  schema: z.strictObject({
    title: z.string(),
    likes: z._default(z.int(), 0),
    pinnedBy: z.optional(z.string()),
  }),
  readOnly: ['likes', 'pinnedBy'],
});

const f = useModelFixture('model_read_only', { emptied: ['posts'] });
const posts = () => Post.bind(f.ctx());
const stored = (id: ObjectId) => f.db.collection('posts').findOne({ _id: id });

describe('readOnly fields', () => {
  it('survive replace, save and put; a new document takes the input or the default', async () => {
    const { _id } = await posts().insert({ title: 'a' });
    await posts().update(_id, { inc: { likes: 3 }, set: { pinnedBy: 'ed' } });
    await posts().replace(_id, { title: 'b', likes: 0 });
    expect(await stored(_id)).toMatchObject({ title: 'b', likes: 3, pinnedBy: 'ed', version: 3 });
    await posts().save({ _id, title: 'c' });
    const put = await posts().put(_id, { title: 'd', likes: 99 });
    expect(put).toMatchObject({ created: false, doc: { title: 'd', likes: 3, pinnedBy: 'ed' } });
    expect(await stored(_id)).toMatchObject({ title: 'd', likes: 3, pinnedBy: 'ed', version: 5 });

    const fresh = new ObjectId();
    const created = await posts().put(fresh, { title: 'e', likes: 7 });
    expect(created).toMatchObject({ created: true, doc: { likes: 7 } });
    expect(await stored(fresh)).not.toHaveProperty('pinnedBy');
    await posts().put(fresh, { title: 'f' });
    expect(await stored(fresh)).toMatchObject({ title: 'f', likes: 7 });
  });

  it('are marked readOnly in the response schema', async () => {
    await import('#lib/model/json-schema-forms.ts');
    const properties = Post.responseSchema().properties as Record<string, { readOnly?: boolean }>;
    expect(properties.likes?.readOnly).toBe(true);
    expect(properties.pinnedBy?.readOnly).toBe(true);
    expect(properties.title?.readOnly).toBeUndefined();
  });

  it('are refused at definition when unknown or required', () => {
    const schema = z.strictObject({ title: z.string(), views: z.int() });
    const define = (readOnly: string[]) => () =>
      model({ name: 'x', collection: 'x', schema, readOnly: readOnly as never });
    expect(define(['nope'])).toThrow('readOnly nope is not a field of the schema');
    expect(define(['views'])).toThrow('readOnly views needs a default or to be optional');
  });
});
