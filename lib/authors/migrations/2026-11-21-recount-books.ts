import type { AnyBulkWriteOperation, Document, ObjectId } from 'mongodb';
import type { DataMigration } from '#lib/migrate/data-migrations.ts';

/**
 * Sets every author's `bookCount` from the books that reference them. The book routes keep the
 * counter in their transactions; books written around the API (a restore, a script) leave it
 * wrong. Only authors whose count changes are written, with their version and `updatedAt`
 * moved on as any write does, so clients' ETags see the change. Running it again writes nothing.
 */
export const recountAuthorBooks: DataMigration = {
  id: '2026-11-21-recount-author-books',
  description: "sets each author's bookCount from their books",
  async up(db) {
    const counted = await db
      .collection('authors')
      .aggregate<{ _id: ObjectId; bookCount: number; counted: number }>([
        {
          $lookup: {
            from: 'books',
            localField: '_id',
            foreignField: 'authorId',
            pipeline: [{ $count: 'n' }],
            as: 'found',
          },
        },
        { $project: { bookCount: 1, counted: { $sum: '$found.n' } } },
      ])
      .toArray();
    const writes: AnyBulkWriteOperation<Document>[] = counted
      .filter((a) => a.bookCount !== a.counted)
      .map((a) => ({
        updateOne: {
          filter: { _id: a._id, bookCount: a.bookCount },
          update: {
            $set: { bookCount: a.counted },
            $inc: { version: 1 },
            $currentDate: { updatedAt: true },
          },
        },
      }));
    if (writes.length > 0) await db.collection('authors').bulkWrite(writes, { ordered: false });
  },
};
