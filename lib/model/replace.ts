import type { Collection, Document, OptionalUnlessRequiredId, WithId } from 'mongodb';
import type * as z from 'zod/v4/core';
import { ApiError } from '#lib/http/errors.ts';
import { type HasRunner, type IdLike, idFilter, toObjectId } from './reads.ts';
import type { OpOptions } from './runner.ts';
import type { ObjectSchema } from './types.ts';
import { validationFailed } from './validate.ts';
import {
  checkWriteOptions,
  preconditionFailed,
  VERSION_FIELD,
  versionCondition,
  versionOf,
  type WriteOptions,
} from './versioning.ts';
import type { WriteSpec } from './writes.ts';

/** Reads of the old document before a replacement, when other writers keep changing it. */
const ATTEMPTS = 3;

const conflict = (name: string) =>
  new ApiError(409, `The ${name} kept changing while it was being replaced: try again`, {
    type: 'write-conflict',
  });

/**
 * `replace` and `save`. A replacement keeps `createdAt` and takes the next version, both read
 * from the old document, so it is written only while the document is still the one read (its
 * version in the filter); a concurrent write in between makes it read again.
 */
export function replaceOps<T extends Document, S extends ObjectSchema>(
  spec: WriteSpec<S>,
  prepare: (input: z.input<S>) => T,
) {
  const keepsOld = (options: WriteOptions) =>
    checkWriteOptions(options).ifVersion !== undefined || spec.timestamps || spec.versioned;
  /** Replaces `id` with `next` (kept fields from the old document); null when absent. */
  const replaceKeeping = async (
    c: Collection<T>,
    op: OpOptions,
    id: IdLike,
    next: Document,
    options: WriteOptions,
  ): Promise<WithId<T> | null> => {
    const filter = idFilter<T>(id);
    for (let attempt = 1; ; attempt += 1) {
      const projection = { createdAt: 1, [VERSION_FIELD]: 1 };
      const old = await c.findOne(filter, { ...op, projection });
      if (!old) {
        if (options.ifVersion !== undefined)
          throw preconditionFailed(spec.name, `with id ${String(id)}`);
        return null;
      }
      const version = versionOf(old);
      if (options.ifVersion !== undefined && !options.ifVersion.includes(version))
        throw preconditionFailed(spec.name, `with id ${String(id)}`);
      if (spec.timestamps) next.createdAt = old.createdAt ?? next.createdAt;
      if (spec.versioned) next[VERSION_FIELD] = version + 1;
      const replaced = await c.findOneAndReplace(
        { ...filter, ...versionCondition([version]) },
        next as T,
        { ...op, returnDocument: 'after' },
      );
      if (replaced) return replaced;
      if (attempt === ATTEMPTS) throw conflict(spec.name);
    }
  };

  return {
    /**
     * Replaces the whole document (validated); `createdAt` survives. Null when absent; 412
     * when `ifVersion` does not hold (absent included).
     */
    replace(
      this: HasRunner<T>,
      id: IdLike,
      input: z.input<S>,
      options: WriteOptions = {},
    ): Promise<WithId<T> | null> {
      return this.runner.run((c, op) => {
        const next = prepare(input) as Document;
        if (!keepsOld(options))
          return c.findOneAndReplace(idFilter<T>(id), next as T, {
            ...op,
            returnDocument: 'after',
          });
        return replaceKeeping(c, op, id, next, options);
      });
    },
    /** Inserts or replaces by `_id` (MongoEngine/Flask-MongoAlchemy `save()`). */
    save(
      this: HasRunner<T>,
      doc: z.input<S> & { _id?: IdLike },
      options: WriteOptions = {},
    ): Promise<WithId<T>> {
      return this.runner.run(async (c, op) => {
        const { _id, ...input } = doc;
        const id = _id === undefined ? undefined : toObjectId(_id);
        if (_id !== undefined && !id)
          throw validationFailed([{ pointer: '/body/_id', detail: 'must be an ObjectId' }]);
        const next = prepare(input as z.input<S>) as Document;
        if (id && !keepsOld(options)) {
          await c.replaceOne(idFilter<T>(id), next as T, { ...op, upsert: true });
          return { ...next, _id: id } as WithId<T>;
        }
        const replaced = id ? await replaceKeeping(c, op, id, next, options) : null;
        if (replaced) return replaced;
        const stored = { ...next, ...(id ? { _id: id } : {}) };
        const { insertedId } = await c.insertOne(stored as OptionalUnlessRequiredId<T>, op);
        return { ...stored, _id: insertedId } as WithId<T>;
      });
    },
  };
}
