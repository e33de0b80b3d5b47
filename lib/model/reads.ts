import { type Document, type Filter, ObjectId, type Sort, type WithId } from 'mongodb';
import { ApiError } from '#lib/http/errors.ts';
import type { Runner } from './runner.ts';

export interface FindOptions {
  readonly sort?: Sort;
  readonly limit?: number;
  readonly skip?: number;
  readonly projection?: Document;
}

/** An id as code or the API holds it; a malformed hex string simply matches nothing. */
export type IdLike = ObjectId | string;

export function toObjectId(id: IdLike): ObjectId | undefined {
  if (id instanceof ObjectId) return id;
  return ObjectId.isValid(id) && /^[0-9a-fA-F]{24}$/.test(id)
    ? ObjectId.createFromHexString(id)
    : undefined;
}

export function notFound(name: string, what: string): ApiError {
  return new ApiError(404, `No ${name} ${what}`, { type: 'not-found' });
}

export function idFilter<T>(id: IdLike): Filter<T> {
  // An id that is not an ObjectId gets a filter no document matches ($in of nothing).
  const oid = toObjectId(id);
  return (oid ? { _id: oid } : { _id: { $in: [] } }) as Filter<T>;
}

export function readOps<T extends Document>(runner: Runner<T>, name: string) {
  const find = (filter: Filter<T> = {}, options: FindOptions = {}): Promise<WithId<T>[]> =>
    runner.run((c, op) => {
      let cursor = c.find(filter, {
        ...op,
        ...(options.projection ? { projection: options.projection } : {}),
      });
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return cursor.toArray();
    });
  const first = (filter: Filter<T> = {}, options: Pick<FindOptions, 'sort'> = {}) =>
    runner.run((c, op) =>
      c.findOne(filter, { ...op, ...(options.sort ? { sort: options.sort } : {}) }),
    );
  const get = (id: IdLike) => first(idFilter<T>(id));
  return {
    get,
    /** Like `get_or_404`: the document, or a 404 problem naming the id. */
    async getOr404(id: IdLike): Promise<WithId<T>> {
      const doc = await get(id);
      if (!doc) throw notFound(name, `with id ${String(id)}`);
      return doc;
    },
    find,
    first,
    /** Like `first_or_404`. */
    async firstOr404(filter: Filter<T> = {}, options: Pick<FindOptions, 'sort'> = {}) {
      const doc = await first(filter, options);
      if (!doc) throw notFound(name, 'matches the request');
      return doc;
    },
    count: (filter: Filter<T> = {}) => runner.run((c, op) => c.countDocuments(filter, op)),
    exists: async (filter: Filter<T>) =>
      (await runner.run((c, op) => c.findOne(filter, { ...op, projection: { _id: 1 } }))) !== null,
    /** A typed aggregation: the caller names the shape of the pipeline's output documents. */
    aggregate: <R extends Document = Document>(pipeline: readonly Document[]) =>
      runner.run((c, op) => c.aggregate<R>([...pipeline], op).toArray()),
  };
}
