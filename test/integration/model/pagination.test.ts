import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '#lib/http/errors.ts';
import { model } from '#lib/model/index.ts';
import { useModelFixture } from './support.ts';

const Entry = model({
  name: 'entry',
  collection: 'entries',
  schema: z.strictObject({ n: z.int(), group: z.int() }),
  keyset: { field: 'group', direction: -1 },
  indexes: [{ key: { group: -1, _id: -1 } }],
});

const f = useModelFixture('model_pagination');
beforeAll(async () => {
  // 25 documents in 5 groups: many ties on the sort field, broken by _id.
  await Entry.bind(f.ctx()).insertMany(Array.from({ length: 25 }, (_, n) => ({ n, group: n % 5 })));
});
const entries = () => Entry.bind(f.ctx());

async function status(work: Promise<unknown>): Promise<number | undefined> {
  return work.then(
    () => undefined,
    (e: unknown) => (e instanceof ApiError ? e.statusCode : -1),
  );
}

const ns = (p: { items: { n: number }[] }) => p.items.map((i) => i.n);

describe('page mode', () => {
  it('gives items, total, pages, hasNext/hasPrev and walks with next()/prev()', async () => {
    const first = await entries().paginate({}, { page: 1, perPage: 10 });
    expect(first).toMatchObject({
      mode: 'page',
      page: 1,
      perPage: 10,
      total: 25,
      pages: 3,
      hasNext: true,
      hasPrev: false,
    });
    const second = await first.next();
    const third = await second.next();
    expect([second.page, third.page, third.items.length, third.hasNext]).toEqual([2, 3, 5, false]);
    expect(ns(await third.prev())).toEqual(ns(second));
    const all = [...ns(first), ...ns(second), ...ns(third)];
    expect(new Set(all).size).toBe(25);
    expect(await status(first.prev())).toBe(404);
    expect(await status(third.next())).toBe(404);
  });

  it('answers 404 past the last page (error_out), but page 1 of nothing is an empty page', async () => {
    expect(await status(entries().paginate({}, { page: 4, perPage: 10 }))).toBe(404);
    const empty = await entries().paginate({ group: 99 }, { page: 1, perPage: 10 });
    expect(empty).toMatchObject({ items: [], total: 0, pages: 0, hasNext: false });
  });
});

describe('keyset mode', () => {
  it('walks forward and backward over (group desc, _id desc) with signed cursors and no count', async () => {
    const first = await entries().paginate({}, { limit: 7 });
    expect(first).toMatchObject({ mode: 'keyset', limit: 7, hasPrev: false, hasNext: true });
    expect(first).not.toHaveProperty('total');
    const pages = [first];
    while (pages.at(-1)?.hasNext) pages.push(await pages.at(-1)!.next());
    expect(pages.map((p) => p.items.length)).toEqual([7, 7, 7, 4]);
    const forward = pages.flatMap(ns);
    const expected = (await entries().find({}, { sort: { group: -1, _id: -1 } })).map((e) => e.n);
    expect(forward).toEqual(expected);
    const back = [pages.at(-1)!];
    while (back.at(-1)?.hasPrev) back.push(await back.at(-1)!.prev());
    expect(back.map(ns)).toEqual(pages.map(ns).reverse());
    expect(await status(first.prev())).toBe(404);
  });

  it('counts only when asked; filters apply', async () => {
    const page = await entries().paginate({ group: 2 }, { limit: 2, withTotal: true });
    expect(page.total).toBe(5);
    expect(page.items.every((i) => i.group === 2)).toBe(true);
  });

  it('refuses a tampered cursor or one issued for another ordering with 400', async () => {
    const { nextCursor } = await entries().paginate({}, { limit: 3 });
    const [body = '', mac = ''] = String(nextCursor).split('.');
    const forged = `${Buffer.from(Buffer.from(body, 'base64url').toString().replace(/"i"/, '"x"')).toString('base64url')}.${mac}`;
    for (const cursor of [forged, `${body}.${mac.slice(1)}A`, 'garbage', `${body}`]) {
      expect(await status(entries().paginate({}, { cursor, limit: 3 }))).toBe(400);
    }
    const otherSort = entries().paginate(
      {},
      { cursor: String(nextCursor), limit: 3 },
      { field: 'n', direction: 1 },
    );
    expect(await status(otherSort)).toBe(400);
  });
});

describe('keyset over 10,000 documents with inserts meanwhile', () => {
  it('never repeats or skips a document that existed at the start, forward and backward', async () => {
    const Big = model({
      name: 'big',
      collection: 'big',
      schema: z.strictObject({ score: z.int(), late: z.boolean() }),
      keyset: { field: 'score', direction: 1 },
      indexes: [{ key: { score: 1, _id: 1 } }],
    });
    const big = Big.bind(f.ctx());
    const docs = Array.from({ length: 10_000 }, (_, i) => ({
      score: (i * 7919) % 1000,
      late: false,
    }));
    for (let i = 0; i < docs.length; i += 2_000)
      await big.insertMany(docs.slice(i, i + 2_000), { ordered: false });
    const original = new Set(
      (await big.find({}, { projection: { _id: 1 } })).map((d) => d._id.toHexString()),
    );
    expect(original.size).toBe(10_000);

    let inserted = 0;
    const insertSome = async () => {
      // New documents land before, inside and after the part already read.
      await big.insertMany([0, 500, 999].map((score) => ({ score, late: true })));
      inserted += 3;
    };
    const seen: string[] = [];
    let page = await big.paginate({}, { limit: 250 });
    for (;;) {
      seen.push(...page.items.filter((d) => !d.late).map((d) => d._id.toHexString()));
      await insertSome();
      if (!page.hasNext) break;
      page = await page.next();
    }
    expect(inserted).toBeGreaterThan(100);
    expect(seen.length).toBe(10_000);
    expect(new Set(seen)).toEqual(original);

    const backward: string[] = [];
    for (;;) {
      backward.push(...page.items.filter((d) => !d.late).map((d) => d._id.toHexString()));
      await insertSome();
      if (!page.hasPrev) break;
      page = await page.prev();
    }
    expect(backward.length).toBe(10_000);
    expect(new Set(backward)).toEqual(original);
  }, 120_000);
});
