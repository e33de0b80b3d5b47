import { type Document, ObjectId } from 'mongodb';
import type * as z from 'zod/mini';
import { Authors } from '#lib/authors/model.ts';
import { json, type RouteResponse } from '#lib/http/response.ts';
import type { InsertManyReport, ItemResult, ModelContext } from '#lib/model/index.ts';
import type { BulkBooksBody } from './bulk-api.ts';
import { Books } from './model.ts';

const NOT_ATTEMPTED = Object.freeze({
  status: 424,
  type: '/problems/not-attempted',
  detail: 'Not attempted: an earlier item of this ordered batch failed',
} as const);

const unknownAuthor = (index: number): ItemResult => ({
  index,
  status: 422,
  type: '/problems/validation-failed',
  detail: 'The request failed validation',
  errors: [{ pointer: `/body/books/${index}/authorId`, detail: 'no author has this id' }],
});

const authorIdOf = (item: unknown): ObjectId | undefined => {
  const id = (item as Document | null)?.authorId;
  return typeof id === 'string' && /^[0-9a-fA-F]{24}$/.test(id)
    ? ObjectId.createFromHexString(id)
    : undefined;
};

/**
 * POST /books/bulk: insertMany with a per-item report. The answer is always 200 (the batch was
 * processed) with each item's own status; see lib/model/insert-many.ts. Each book gets its
 * author's name; items naming no existing author are 422. Authors' bookCount is then increased
 * by what was stored — outside a transaction, since a failing item must not undo the others.
 */
export async function bulkCreateBooks(
  ctx: ModelContext,
  body: z.output<typeof BulkBooksBody>,
): Promise<RouteResponse> {
  const ids = [
    ...new Set(
      body.books
        .map(authorIdOf)
        .filter((id) => id)
        .map(String),
    ),
  ];
  const found = await Authors.bind(ctx).find({
    _id: { $in: ids.map((id) => ObjectId.createFromHexString(id)) },
  });
  const names = new Map(found.map((a) => [a._id.toHexString(), a.name]));
  const early = new Map<number, ItemResult>();
  const inputs: { index: number; input: Document }[] = [];
  for (const [index, item] of body.books.entries()) {
    const authorId = authorIdOf(item);
    const name = authorId && names.get(authorId.toHexString());
    if (authorId && name === undefined) early.set(index, unknownAuthor(index));
    else
      inputs.push({
        index,
        input: { ...(item as Document), ...(name ? { author: { name } } : {}) },
      });
  }
  // Ordered: nothing after the first early failure is attempted.
  const stopAt =
    body.ordered && early.size > 0 ? Math.min(...early.keys()) : Number.POSITIVE_INFINITY;
  const attempted = inputs.filter((i) => i.index < stopAt);
  const report = await Books.bind(ctx).insertMany(
    attempted.map((i) => i.input as never),
    { ordered: body.ordered },
  );
  const items: ItemResult[] = body.books.map(
    (_, index) => early.get(index) ?? { index, ...NOT_ATTEMPTED },
  );
  for (const [position, result] of report.items.entries()) {
    const index = attempted[position]?.index ?? -1;
    items[index] = {
      ...result,
      index,
      ...(result.errors
        ? {
            errors: result.errors.map((e) => ({
              ...e,
              pointer: e.pointer.replace(`/body/${position}`, `/body/books/${index}`),
            })),
          }
        : {}),
    };
  }
  if (body.ordered) {
    // Ordered: everything after the first failure, whatever its cause, was not attempted.
    const firstFailure = items.findIndex((i) => i.status !== 201);
    for (let i = firstFailure + 1; firstFailure >= 0 && i < items.length; i += 1) {
      items[i] = { index: i, ...NOT_ATTEMPTED };
    }
  }
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.status !== 201) continue;
    const id = String(authorIdOf(body.books[item.index]));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const authors = Authors.bind(ctx);
  await Promise.all([...counts].map(([id, n]) => authors.update(id, { inc: { bookCount: n } })));
  const inserted = items.filter((i) => i.status === 201).length;
  const answer: InsertManyReport = {
    ordered: body.ordered,
    inserted,
    failed: items.length - inserted,
    items,
  };
  return json(200, answer);
}
