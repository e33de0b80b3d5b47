import {
  type Collection,
  type Document,
  type Filter,
  MongoServerError,
  ObjectId,
  type OptionalUnlessRequiredId,
  type WithId,
} from 'mongodb';
import type * as z from 'zod/v4/core';
import { type HasRunner, type IdLike, idFilter, toObjectId } from './reads.ts';
import { insertOptions, type OpOptions } from './runner.ts';
import type { ObjectSchema } from './types.ts';
import { validationFailed } from './validate.ts';
import {
  checkWriteOptions,
  preconditionFailed,
  preconditionFilter,
  VERSION_FIELD,
  type WriteOptions,
} from './versioning.ts';
import type { WriteSpec } from './writes.ts';

/**
 * What a PUT may require of the stored document: `ifVersion` (`If-Match` with tags) or
 * `exists: true` (`If-Match: *`) refuse to create it, `exists: false` (`If-None-Match: *`)
 * refuses to replace it, `ifNotVersion` (`If-None-Match` with tags) refuses to replace it at
 * those versions; every refusal is a 412.
 */
export interface PutOptions extends WriteOptions {
  readonly exists?: boolean;
}

/** Upserts of one new id racing each other: each retry finds the document the winner created. */
const ATTEMPTS = 3;

/** An insert that met a document already stored under its `_id` (not another unique index). */
const isTakenId = (error: unknown) =>
  error instanceof MongoServerError &&
  error.code === 11000 &&
  '_id' in ((error.keyPattern ?? error.keyValue ?? {}) as Document);

/**
 * `replace`, `save` and `put`. A replacement is one atomic write, an update pipeline: so no
 * concurrent writer can slip between reading the old `createdAt` and version and writing the
 * next ones, and none has to read again.
 */
export function replaceOps<T extends Document, S extends ObjectSchema>(
  spec: WriteSpec<S>,
  prepare: (input: z.input<S>) => T,
) {
  const kept = new Set(spec.readOnly ?? []);
  /**
   * `$replaceWith` of `next`, every value `$literal` (a string starting with `$` stays a string),
   * keeping the stored `createdAt` and read-only fields and moving the version on; on an
   * upsert's insert, `next`'s.
   */
  const replacement = (next: Document): Document[] => {
    const fields: Document = { _id: '$_id' };
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || key === '_id') continue;
      if ((key === 'createdAt' && spec.timestamps) || kept.has(key))
        fields[key] = { $ifNull: [`$${key}`, { $literal: value }] };
      else if (key === VERSION_FIELD && spec.versioned)
        fields[key] = { $add: [{ $ifNull: [`$${VERSION_FIELD}`, 0] }, 1] };
      else fields[key] = { $literal: value };
    }
    // A read-only field the input leaves out (optional, no default) stays as stored.
    for (const key of kept) if (!(key in fields)) fields[key] = `$${key}`;
    return [{ $replaceWith: fields }];
  };
  const write = (
    c: Collection<T>,
    op: OpOptions,
    filter: Filter<T>,
    next: Document,
    upsert: boolean,
  ) =>
    c.findOneAndUpdate(filter, replacement(next), {
      ...op,
      upsert,
      returnDocument: 'after',
      includeResultMetadata: true,
    });
  /** The id, narrowed to the versions the write requires (`$in`) or refuses (`$nin`). */
  const guarded = (id: ObjectId | IdLike, options: WriteOptions): Filter<T> =>
    ({ ...idFilter<T>(id), ...preconditionFilter(options) }) as Filter<T>;
  /**
   * Replaces `id` with `next`, or creates it there; retried when another upsert created it
   * first. With versions refused, a taken id is the document at one of them: a 412.
   */
  const upsert = async (
    c: Collection<T>,
    op: OpOptions,
    id: ObjectId,
    next: Document,
    refused?: WriteOptions,
  ) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await write(c, op, guarded(id, refused ?? {}), next, true);
        return {
          doc: result.value as WithId<T>,
          created: result.lastErrorObject?.updatedExisting === false,
        };
      } catch (error) {
        if (isTakenId(error) && refused !== undefined) throw refusal(id);
        // In a transaction the error has aborted it: the transaction's own retry starts over.
        if (!isTakenId(error) || attempt === ATTEMPTS || op.session?.inTransaction()) throw error;
      }
    }
  };
  const refusal = (id: ObjectId | IdLike) => preconditionFailed(spec.name, `with id ${String(id)}`);

  return {
    /**
     * Replaces the whole document (validated); `createdAt` survives. Null when absent; 412
     * when `ifVersion` does not hold (absent included) or `ifNotVersion` does not (present).
     */
    async replace(
      this: HasRunner<T>,
      id: IdLike,
      input: z.input<S>,
      options: WriteOptions = {},
    ): Promise<WithId<T> | null> {
      checkWriteOptions(options);
      return this.runner.run(async (c, op) => {
        const result = await write(c, op, guarded(id, options), prepare(input), false);
        if (!result.value && options.ifVersion !== undefined) throw refusal(id);
        if (!result.value && options.ifNotVersion !== undefined) {
          const present = await c.findOne(idFilter<T>(id), { ...op, projection: { _id: 1 } });
          if (present) throw refusal(id);
        }
        return result.value as WithId<T> | null;
      });
    },
    /** Inserts or replaces by `_id` (MongoEngine/Flask-MongoAlchemy `save()`). */
    async save(
      this: HasRunner<T>,
      doc: z.input<S> & { _id?: IdLike },
      options: WriteOptions = {},
    ): Promise<WithId<T>> {
      checkWriteOptions(options);
      return this.runner.run(async (c, op) => {
        const { _id, ...input } = doc;
        const id = _id === undefined ? undefined : toObjectId(_id);
        if (_id !== undefined && !id)
          throw validationFailed([{ pointer: '/body/_id', detail: 'must be an ObjectId' }]);
        const next = prepare(input as z.input<S>) as Document;
        if (id && options.ifVersion !== undefined) {
          const result = await write(c, op, guarded(id, options), next, false);
          if (!result.value) throw refusal(id);
          return result.value as WithId<T>;
        }
        const refused = options.ifNotVersion === undefined ? undefined : options;
        if (id) return (await upsert(c, op, id, next, refused)).doc;
        const { insertedId } = await c.insertOne(
          next as OptionalUnlessRequiredId<T>,
          insertOptions(op),
        );
        return { ...next, _id: insertedId } as WithId<T>;
      });
    },
    /**
     * HTTP PUT (RFC 9110 §9.3.4), PyMongo's `replace_one(..., upsert=True)`: replaces the
     * document with `id` (validated; `createdAt` survives, the version moves on) or creates it
     * under that id, and tells which. Of two PUTs creating one id at once, one creates and the
     * other replaces.
     */
    async put(
      this: HasRunner<T>,
      id: ObjectId,
      input: z.input<S>,
      options: PutOptions = {},
    ): Promise<{ doc: WithId<T>; created: boolean }> {
      const { exists, ...writeOptions } = options;
      const { ifVersion, ifNotVersion } = checkWriteOptions(writeOptions);
      if (exists !== undefined && typeof exists !== 'boolean')
        throw new TypeError('exists must be a boolean');
      if (!(id instanceof ObjectId)) throw new TypeError('put takes the ObjectId of the path');
      return this.runner.run(async (c, op) => {
        const next = prepare(input) as Document;
        if (exists === false) {
          const doc = { ...next, _id: id };
          try {
            await c.insertOne(doc as OptionalUnlessRequiredId<T>, insertOptions(op));
          } catch (error) {
            throw isTakenId(error) ? refusal(id) : error;
          }
          return { doc: doc as WithId<T>, created: true };
        }
        if (exists === true || ifVersion !== undefined) {
          const result = await write(c, op, guarded(id, writeOptions), next, false);
          if (!result.value) throw refusal(id);
          return { doc: result.value as WithId<T>, created: false };
        }
        return upsert(c, op, id, next, ifNotVersion === undefined ? undefined : writeOptions);
      });
    },
  };
}
