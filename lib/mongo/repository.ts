import type {
  Collection,
  Document,
  Filter,
  MatchKeysAndValues,
  ObjectId,
  OptionalUnlessRequiredId,
  WithId,
} from 'mongodb';
import { msLeft, type TimeBudget, withDeadline } from './deadline.ts';

export interface Page<T> {
  readonly items: WithId<T>[];
  readonly total: number;
}

/**
 * A thin, generic repository on the driver's own Collection<T>: every operation runs within
 * the invocation's time budget (maxTimeMS on the server, a deadline on the client).
 * Documents keep the driver's WithId<T> type; serialisation happens at the HTTP edge.
 */
export interface Repository<T extends Document> {
  insert(doc: OptionalUnlessRequiredId<T>): Promise<WithId<T>>;
  findById(id: ObjectId): Promise<WithId<T> | null>;
  page(filter: Filter<T>, page: number, perPage: number): Promise<Page<T>>;
  updateById(
    id: ObjectId,
    set: MatchKeysAndValues<T>,
    unset?: readonly string[],
  ): Promise<WithId<T> | null>;
  deleteById(id: ObjectId): Promise<boolean>;
}

export function createRepository<T extends Document>(
  collection: Collection<T>,
  budget: TimeBudget,
): Repository<T> {
  const run = <R>(work: () => Promise<R>) => withDeadline(budget, work);
  const byId = (id: ObjectId) => ({ _id: id }) as Filter<T>;
  return {
    insert: (doc) =>
      run(async () => {
        const result = await collection.insertOne(doc, { maxTimeMS: msLeft(budget) });
        return { ...doc, _id: result.insertedId } as WithId<T>;
      }),
    findById: (id) => run(() => collection.findOne(byId(id), { maxTimeMS: msLeft(budget) })),
    page: (filter, page, perPage) =>
      run(async () => {
        const [items, total] = await Promise.all([
          collection
            .find(filter, { maxTimeMS: msLeft(budget) })
            .sort({ _id: 1 })
            .skip((page - 1) * perPage)
            .limit(perPage)
            .toArray(),
          collection.countDocuments(filter, { maxTimeMS: msLeft(budget) }),
        ]);
        return { items, total };
      }),
    updateById: (id, set, unset = []) =>
      run(() =>
        collection.findOneAndUpdate(
          byId(id),
          {
            ...(Object.keys(set).length > 0 ? { $set: set } : {}),
            ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((k) => [k, ''])) } : {}),
          } as never,
          { returnDocument: 'after', maxTimeMS: msLeft(budget) },
        ),
      ),
    deleteById: (id) =>
      run(
        async () =>
          (await collection.deleteOne(byId(id), { maxTimeMS: msLeft(budget) })).deletedCount === 1,
      ),
  };
}
