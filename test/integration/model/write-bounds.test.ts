import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { ApiError } from '#lib/http/errors.ts';
import { model } from '#lib/model/index.ts';
import { rejection, useModelFixture } from './support.ts';

// A `push` never grows an array past its schema's bound, nor an `inc` a number past its minimum
// or maximum (lib/model/write-room.ts): the bound is in the write's own filter, so crossing it
// is a 422 naming the field, never the collection validator's bare refusal (or, without a
// validator, a stored value out of bounds), and concurrent writes cannot overshoot it.
const Card = model({
  name: 'card',
  collection: 'cards',
  versioned: true,
  schema: z.strictObject({
    title: z.string(),
    labels: z._default(z.array(z.string()).check(z.maxLength(3)), () => []),
    notes: z._default(z.array(z.string()), () => []),
    stock: z._default(z.int().check(z.minimum(0), z.maximum(5)), 0),
  }),
});

const f = useModelFixture('model_array_bounds', { emptied: ['cards'] });
const cards = () => Card.bind(f.ctx());

describe('push into a bounded array', () => {
  it('fills it to the bound, then answers 422 at the field and leaves the document as it was', async () => {
    const { _id } = await cards().insert({ title: 'a', labels: ['x', 'y'] });
    expect((await cards().updateOr404(_id, { push: { labels: 'z' } })).labels).toEqual([
      'x',
      'y',
      'z',
    ]);
    const full = await rejection(cards().updateOr404(_id, { push: { labels: 'w' } }));
    expect(full.statusCode).toBe(422);
    expect(full.errors).toEqual([
      { pointer: '/body/labels', detail: expect.stringContaining('3') },
    ]);
    expect(await f.db.collection('cards').findOne({ _id })).toMatchObject({
      labels: ['x', 'y', 'z'],
      version: 2,
    });
    // An unbounded array takes any number; a version that does not hold is still a 412 first.
    await cards().updateOr404(_id, { push: { notes: 'n' } });
    const stale = await rejection(
      cards().updateOr404(_id, { push: { labels: 'w' } }, { ifVersion: [1] }),
    );
    expect(stale.statusCode).toBe(412);
    expect(await cards().update(new ObjectId(), { push: { labels: 'w' } })).toBeNull();
  });

  it('concurrent pushes stop exactly at the bound', async () => {
    const { _id } = await cards().insert({ title: 'b' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => cards().updateOr404(_id, { push: { labels: `l${i}` } })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect((await f.db.collection('cards').findOne({ _id }))?.labels).toHaveLength(3);
  });

  it('updateMany leaves full documents as they are', async () => {
    await cards().insert({ title: 'full', labels: ['a', 'b', 'c'] });
    await cards().insert({ title: 'room', labels: ['a'] });
    expect(await cards().updateMany({}, { push: { labels: 'd' } })).toBe(1);
    const stored = await f.db
      .collection('cards')
      .find({}, { sort: { title: 1 } })
      .toArray();
    expect(stored.map((d) => d.labels)).toEqual([
      ['a', 'b', 'c'],
      ['a', 'd'],
    ]);
  });
});

describe('inc of a bounded number', () => {
  it('concurrent decrements stop at the minimum; the rest are 422 at the field', async () => {
    const { _id } = await cards().insert({ title: 'c', stock: 3 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => cards().updateOr404(_id, { inc: { stock: -1 } })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [o.reason as ApiError] : [],
    );
    expect(refused.map((e) => [e.statusCode, e.errors])).toEqual(
      Array.from({ length: 3 }, () => [
        422,
        [{ pointer: '/body/stock', detail: 'would go below 0' }],
      ]),
    );
    expect((await f.db.collection('cards').findOne({ _id }))?.stock).toBe(0);
    const over = await rejection(cards().updateOr404(_id, { inc: { stock: 6 } }));
    expect(over.errors).toEqual([{ pointer: '/body/stock', detail: 'would go above 5' }]);
    expect((await cards().updateOr404(_id, { inc: { stock: 5 } })).stock).toBe(5);
  });
});
