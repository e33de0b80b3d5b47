import { type Document, type Filter, ObjectId, type Sort, type WithId } from 'mongodb';
import { ApiError } from '#lib/http/errors.ts';
import { countMatching } from './count.ts';
import { type FieldSelection, projectionOf } from './field-selection.ts';
import { decodeAll, decodeOne, RAW } from './raw-documents.ts';
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

/** What every operation reads from the bound model it is called on. */
export interface HasRunner<T extends Document> {
  readonly runner: Runner<T>;
}

/**
 * Read operations as methods taking the runner from `this` (the bound model): built once per
 * model and shared through a prototype, so binding a model per request allocates one object.
 * `alwaysRead` are the fields a read under a selection still needs (the version of an ETag).
 */
export function readOps<T extends Document>(name: string, alwaysRead: readonly string[] = []) {
  const byId = (runner: Runner<T>, id: IdLike, fields: FieldSelection | undefined) =>
    runner.run(async (c, op) =>
      decodeOne(
        c,
        await c.findOne(idFilter<T>(id), {
          ...op,
          ...RAW,
          ...(fields ? { projection: projectionOf(fields, alwaysRead) } : {}),
        }),
      ),
    );
  return {
    /**
     * The document, or null; with `fields`, only those (`_id` and the version too). As with the
     * driver's `projection`, the type is not narrowed: read only the fields asked for.
     */
    get(this: HasRunner<T>, id: IdLike, fields?: FieldSelection) {
      return byId(this.runner, id, fields);
    },
    /** Like `get_or_404`: the document, or a 404 problem naming the id. */
    async getOr404(this: HasRunner<T>, id: IdLike, fields?: FieldSelection): Promise<WithId<T>> {
      const doc = await byId(this.runner, id, fields);
      if (!doc) throw notFound(name, `with id ${String(id)}`);
      return doc;
    },
    find(
      this: HasRunner<T>,
      filter: Filter<T> = {},
      options: FindOptions = {},
    ): Promise<WithId<T>[]> {
      return this.runner.run((c, op) => {
        let cursor = c.find(filter, {
          ...op,
          ...RAW,
          ...(options.projection ? { projection: options.projection } : {}),
        });
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.skip) cursor = cursor.skip(options.skip);
        if (options.limit !== undefined) cursor = cursor.limit(options.limit);
        return decodeAll(c, cursor);
      });
    },
    first(this: HasRunner<T>, filter: Filter<T> = {}, options: Pick<FindOptions, 'sort'> = {}) {
      return firstOf(this.runner, filter, options);
    },
    /** Like `first_or_404`. */
    async firstOr404(
      this: HasRunner<T>,
      filter: Filter<T> = {},
      options: Pick<FindOptions, 'sort'> = {},
    ) {
      const doc = await firstOf(this.runner, filter, options);
      if (!doc) throw notFound(name, 'matches the request');
      return doc;
    },
    /** Exact for a filter; the metadata count when unfiltered, as MongoEngine does (count.ts). */
    count(this: HasRunner<T>, filter: Filter<T> = {}) {
      return this.runner.run((c, op) => countMatching(c, filter, op));
    },
    async exists(this: HasRunner<T>, filter: Filter<T>) {
      const found = await this.runner.run((c, op) =>
        c.findOne(filter, { ...op, projection: { _id: 1 } }),
      );
      return found !== null;
    },
    /** A typed aggregation: the caller names the shape of the pipeline's output documents. */
    aggregate<R extends Document = Document>(this: HasRunner<T>, pipeline: readonly Document[]) {
      return this.runner.run((c, op) => c.aggregate<R>([...pipeline], op).toArray());
    },
  };
}

function firstOf<T extends Document>(
  runner: Runner<T>,
  filter: Filter<T>,
  options: Pick<FindOptions, 'sort'>,
) {
  return runner.run(async (c, op) =>
    decodeOne(
      c,
      await c.findOne(filter, { ...op, ...RAW, ...(options.sort ? { sort: options.sort } : {}) }),
    ),
  );
}
