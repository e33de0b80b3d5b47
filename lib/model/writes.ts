import type { Document, Filter, OptionalUnlessRequiredId, WithId } from 'mongodb';
import type * as z from 'zod/v4/core';
import { type Changes, toUpdate } from './changes.ts';
import { type HasRunner, type IdLike, idFilter, notFound, toObjectId } from './reads.ts';
import { replaceOps } from './replace.ts';
import { insertOptions, type Runner } from './runner.ts';
import type { ObjectSchema } from './types.ts';
import { parseOr422, validationFailed } from './validate.ts';
import {
  checkWriteOptions,
  hasPrecondition,
  preconditionFailed,
  preconditionFilter,
  VERSION_FIELD,
  type WriteOptions,
  withVersionIncrement,
} from './versioning.ts';
import { withRoom, writeRoom } from './write-room.ts';

/** What the write operations need from the model definition. */
export interface WriteSpec<S extends ObjectSchema> {
  readonly name: string;
  readonly schema: S;
  readonly timestamps: boolean;
  /** Whether documents carry a `version` (versioning.ts). */
  readonly versioned: boolean;
  /** Fields replacements keep from the stored document (read-only.ts). */
  readonly readOnly?: readonly string[];
}

const isId = (idOrFilter: unknown): idOrFilter is IdLike =>
  typeof idOrFilter === 'string' || toObjectId(idOrFilter as IdLike) !== undefined;

const target = <T>(idOrFilter: IdLike | Filter<T>): Filter<T> =>
  isId(idOrFilter) ? idFilter<T>(idOrFilter) : idOrFilter;

/** The target narrowed to the versions the write requires or refuses, if any. */
const guarded = <T>(idOrFilter: IdLike | Filter<T>, options: WriteOptions): Filter<T> => {
  const narrowed = preconditionFilter(checkWriteOptions(options));
  return { ...target(idOrFilter), ...narrowed } as Filter<T>;
};

type Bound<T extends Document> = HasRunner<T>;

/**
 * Write operations as methods taking the runner from `this` (see readOps): built once per model.
 */
export function writeOps<T extends Document, S extends ObjectSchema>(spec: WriteSpec<S>) {
  const stamp = (now: Date): Document => ({
    ...(spec.timestamps ? { createdAt: now, updatedAt: now } : {}),
    ...(spec.versioned ? { [VERSION_FIELD]: 1 } : {}),
  });
  /** Validated document (defaults applied) plus timestamps and version 1, ready to store. */
  const prepare = (input: z.input<S>, base = '/body'): T =>
    ({ ...parseOr422(spec.schema, input, base), ...stamp(new Date()) }) as unknown as T;
  const updateWith = (runner: Runner<T>, filter: Filter<T>, update: Document, upsert = false) =>
    runner.run((c, op) =>
      c.findOneAndUpdate(filter, update, {
        ...op,
        upsert,
        returnDocument: 'after',
        includeResultMetadata: true,
      }),
    );
  /** `updatedAt` and the version's increment, when the model has them. */
  const withMeta = (update: Document): Document => {
    const stamped = spec.timestamps
      ? { ...update, $set: { ...update.$set, updatedAt: new Date() } }
      : update;
    return spec.versioned ? withVersionIncrement(stamped) : stamped;
  };
  const describe = (idOrFilter: unknown) =>
    isId(idOrFilter) ? `with id ${String(idOrFilter)}` : 'matching the request';
  /**
   * A write that required a version matched nothing: 412 if the document is there (at another
   * version), else nothing to say (the caller's 404 or null).
   */
  const refuseIfPresent = async (
    runner: Runner<T>,
    idOrFilter: IdLike | Filter<T>,
    options: WriteOptions,
  ) => {
    if (!hasPrecondition(options)) return;
    const present = await runner.run((c, op) =>
      c.findOne(target(idOrFilter), { ...op, projection: { _id: 1 } }),
    );
    if (present) throw preconditionFailed(spec.name, describe(idOrFilter));
  };
  const update = async (
    runner: Runner<T>,
    idOrFilter: IdLike | Filter<T>,
    changes: Changes<S>,
    options: WriteOptions,
  ) => {
    const doc = toUpdate(spec.schema, changes as unknown as Changes<ObjectSchema>);
    const room = writeRoom(spec.schema, doc);
    const filter = guarded(idOrFilter, options);
    const result = await updateWith(runner, withRoom(filter, room), withMeta(doc));
    if (!result.value) {
      // Matched but for a bound (the document is there, at an acceptable version): 422.
      const bounded =
        room.errors.length > 0 &&
        (await runner.run((c, op) => c.findOne(filter, { ...op, projection: { _id: 1 } })));
      if (bounded) throw validationFailed([...room.errors]);
      await refuseIfPresent(runner, idOrFilter, options);
    }
    return result.value as WithId<T> | null;
  };
  const remove = async (
    runner: Runner<T>,
    idOrFilter: IdLike | Filter<T>,
    options: WriteOptions,
  ) => {
    const filter = guarded(idOrFilter, options);
    const { deletedCount } = await runner.run((c, op) => c.deleteOne(filter, op));
    if (deletedCount === 0) await refuseIfPresent(runner, idOrFilter, options);
    return deletedCount === 1;
  };

  return {
    prepare,
    /** Validates (422 on failure), applies defaults and timestamps, inserts; returns the stored document. */
    insert(this: Bound<T>, input: z.input<S>): Promise<WithId<T>> {
      return this.runner.run(async (c, op) => {
        const doc = prepare(input);
        const { insertedId } = await c.insertOne(
          doc as OptionalUnlessRequiredId<T>,
          insertOptions(op),
        );
        return { ...doc, _id: insertedId } as WithId<T>;
      });
    },
    /** The changed document, null when none matches; 412 when `ifVersion` does not hold. */
    update(
      this: Bound<T>,
      idOrFilter: IdLike | Filter<T>,
      changes: Changes<S>,
      options: WriteOptions = {},
    ) {
      return update(this.runner, idOrFilter, changes, options);
    },
    /**
     * The same validated changes on every matching document; returns how many changed. A `push`
     * or `inc` skips the documents it would take past their schema's bounds.
     */
    updateMany(this: Bound<T>, filter: Filter<T>, changes: Changes<S>) {
      return this.runner.run(async (c, op) => {
        const doc = toUpdate(spec.schema, changes as unknown as Changes<ObjectSchema>);
        // Documents a bound would be crossed in are left as they are (write-room.ts).
        const room = writeRoom(spec.schema, doc);
        return (await c.updateMany(withRoom(filter, room), withMeta(doc), op)).modifiedCount;
      });
    },
    async updateOr404(
      this: Bound<T>,
      id: IdLike,
      changes: Changes<S>,
      options: WriteOptions = {},
    ): Promise<WithId<T>> {
      const doc = await update(this.runner, id, changes, options);
      if (!doc) throw notFound(spec.name, `with id ${String(id)}`);
      return doc;
    },
    /**
     * Creates the document matching `filter` from `input`, or overwrites its fields with it:
     * `$set` of the validated fields, `createdAt` only on insert. Tells which happened.
     */
    async upsert(this: Bound<T>, filter: Filter<T>, input: z.input<S>) {
      const fields = prepare(input) as Document;
      const onInsert: Document = {};
      if (spec.timestamps) onInsert.createdAt = fields.createdAt;
      delete fields.createdAt;
      if (spec.versioned) delete fields[VERSION_FIELD];
      let change: Document = { $set: fields };
      if (spec.timestamps) change.$setOnInsert = onInsert;
      if (spec.versioned) change = withVersionIncrement(change);
      const result = await updateWith(this.runner, filter, change, true);
      return {
        doc: result.value as WithId<T>,
        created: result.lastErrorObject?.updatedExisting === false,
      };
    },
    ...replaceOps<T, S>(spec, prepare),
    /** Whether a document was deleted; 412 when `ifVersion` does not hold. */
    delete(this: Bound<T>, idOrFilter: IdLike | Filter<T>, options: WriteOptions = {}) {
      return remove(this.runner, idOrFilter, options);
    },
    async deleteOr404(this: Bound<T>, id: IdLike, options: WriteOptions = {}): Promise<void> {
      if (!(await remove(this.runner, id, options)))
        throw notFound(spec.name, `with id ${String(id)}`);
    },
  };
}
