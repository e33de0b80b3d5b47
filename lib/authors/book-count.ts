import type { WithId } from 'mongodb';
import type { ModelContext, StoredDoc } from '#lib/model/index.ts';
import { Authors } from './model.ts';

type AuthorDoc = WithId<StoredDoc<typeof Authors.schema, true>>;

/**
 * `?withBookCount=true`: the page's authors joined to the books collection with `$lookup`,
 * each with `booksFound`, the number of books that reference it right now (the stored
 * `bookCount` is the counter the transactional routes keep; the two agree). The join counts in
 * its own pipeline (MongoDB 5.0's concise form: the `authorId` index finds the books, `$count`
 * keeps one small document), so no author carries the array of all their books, which costs in
 * proportion to them and fails past 16 MB for a prolific one.
 */
export async function withBooksFound(
  ctx: ModelContext,
  authors: AuthorDoc[],
): Promise<(AuthorDoc & { booksFound: number })[]> {
  if (authors.length === 0) return [];
  const counted = await Authors.bind(ctx).aggregate<{ _id: AuthorDoc['_id']; booksFound: number }>([
    { $match: { _id: { $in: authors.map((a) => a._id) } } },
    {
      $lookup: {
        from: 'books',
        localField: '_id',
        foreignField: 'authorId',
        pipeline: [{ $count: 'n' }],
        as: 'counted',
      },
    },
    // `counted` is [] or [{ n }]: the sum of its `n`s is the count either way.
    { $project: { booksFound: { $sum: '$counted.n' } } },
  ]);
  const byId = new Map(counted.map((c) => [c._id.toHexString(), c.booksFound]));
  return authors.map((a) => ({ ...a, booksFound: byId.get(a._id.toHexString()) ?? 0 }));
}
