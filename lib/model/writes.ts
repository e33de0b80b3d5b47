import type { Document, Filter, OptionalUnlessRequiredId, WithId } from 'mongodb';
import type * as z from 'zod/v4/core';
import { type Changes, toUpdate } from './changes.ts';
import { type HasRunner, type IdLike, idFilter, notFound, toObjectId } from './reads.ts';
import type { Runner } from './runner.ts';
import type { ObjectSchema } from './types.ts';
import { parseOr422, validationFailed } from './validate.ts';

/** What the write operations need from the model definition. */
export interface WriteSpec<S extends ObjectSchema> {
  readonly name: string;
  readonly schema: S;
  readonly timestamps: boolean;
}

const target = <T>(idOrFilter: IdLike | Filter<T>): Filter<T> =>
  typeof idOrFilter === 'string' || toObjectId(idOrFilter as IdLike)
    ? idFilter<T>(idOrFilter as IdLike)
    : (idOrFilter as Filter<T>);

type Bound<T extends Document> = HasRunner<T>;

/**
 * Write operations as methods taking the runner from `this` (see readOps): built once per model.
 */
export function writeOps<T extends Document, S extends ObjectSchema>(spec: WriteSpec<S>) {
  const stamp = (now: Date, created = true): Document =>
    spec.timestamps ? { ...(created ? { createdAt: now } : {}), updatedAt: now } : {};
  /** Validated document (defaults applied) plus timestamps, ready to store. */
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
  const withUpdatedAt = (update: Document): Document =>
    spec.timestamps ? { ...update, $set: { ...update.$set, updatedAt: new Date() } } : update;
  const update = async (runner: Runner<T>, idOrFilter: IdLike | Filter<T>, changes: Changes<S>) => {
    const doc = toUpdate(spec.schema, changes as unknown as Changes<ObjectSchema>);
    const result = await updateWith(runner, target<T>(idOrFilter), withUpdatedAt(doc));
    return result.value as WithId<T> | null;
  };
  const remove = (runner: Runner<T>, idOrFilter: IdLike | Filter<T>) =>
    runner.run(async (c, op) => (await c.deleteOne(target<T>(idOrFilter), op)).deletedCount === 1);

  return {
    prepare,
    /** Validates (422 on failure), applies defaults and timestamps, inserts; returns the stored document. */
    insert(this: Bound<T>, input: z.input<S>): Promise<WithId<T>> {
      return this.runner.run(async (c, op) => {
        const doc = prepare(input);
        const { insertedId } = await c.insertOne(doc as OptionalUnlessRequiredId<T>, op);
        return { ...doc, _id: insertedId } as WithId<T>;
      });
    },
    update(this: Bound<T>, idOrFilter: IdLike | Filter<T>, changes: Changes<S>) {
      return update(this.runner, idOrFilter, changes);
    },
    /** The same validated changes on every matching document; returns how many changed. */
    updateMany(this: Bound<T>, filter: Filter<T>, changes: Changes<S>) {
      return this.runner.run(async (c, op) => {
        const doc = withUpdatedAt(
          toUpdate(spec.schema, changes as unknown as Changes<ObjectSchema>),
        );
        return (await c.updateMany(filter, doc, op)).modifiedCount;
      });
    },
    async updateOr404(this: Bound<T>, id: IdLike, changes: Changes<S>): Promise<WithId<T>> {
      const doc = await update(this.runner, id, changes);
      if (!doc) throw notFound(spec.name, `with id ${String(id)}`);
      return doc;
    },
    /**
     * Creates the document matching `filter` from `input`, or overwrites its fields with it:
     * `$set` of the validated fields, `createdAt` only on insert. Tells which happened.
     */
    async upsert(this: Bound<T>, filter: Filter<T>, input: z.input<S>) {
      const { createdAt, ...fields } = prepare(input) as Document;
      const change: Document = { $set: fields };
      if (createdAt) change.$setOnInsert = { createdAt };
      const result = await updateWith(this.runner, filter, change, true);
      return {
        doc: result.value as WithId<T>,
        created: result.lastErrorObject?.updatedExisting === false,
      };
    },
    /** Replaces the whole document (validated); `createdAt` survives. Null when absent. */
    replace(this: Bound<T>, id: IdLike, input: z.input<S>): Promise<WithId<T> | null> {
      return this.runner.run(async (c, op) => {
        const next = prepare(input) as Document;
        const filter = idFilter<T>(id);
        if (spec.timestamps) {
          const old = await c.findOne(filter, { ...op, projection: { createdAt: 1 } });
          if (!old) return null;
          next.createdAt = (old as Document).createdAt ?? next.createdAt;
        }
        return c.findOneAndReplace(filter, next as T, { ...op, returnDocument: 'after' });
      });
    },
    /** Inserts or replaces by `_id` (MongoEngine/Flask-MongoAlchemy `save()`). */
    save(this: Bound<T>, doc: z.input<S> & { _id?: IdLike }): Promise<WithId<T>> {
      return this.runner.run(async (c, op) => {
        const { _id, ...input } = doc;
        const id = _id === undefined ? undefined : toObjectId(_id);
        if (_id !== undefined && !id)
          throw validationFailed([{ pointer: '/body/_id', detail: 'must be an ObjectId' }]);
        const next = prepare(input as z.input<S>) as Document;
        if (!id) {
          const { insertedId } = await c.insertOne(next as OptionalUnlessRequiredId<T>, op);
          return { ...next, _id: insertedId } as WithId<T>;
        }
        if (spec.timestamps) {
          const old = await c.findOne(idFilter<T>(id), { ...op, projection: { createdAt: 1 } });
          next.createdAt = (old as Document | null)?.createdAt ?? next.createdAt;
        }
        await c.replaceOne(idFilter<T>(id), next as T, { ...op, upsert: true });
        return { ...next, _id: id } as WithId<T>;
      });
    },
    delete(this: Bound<T>, idOrFilter: IdLike | Filter<T>) {
      return remove(this.runner, idOrFilter);
    },
    async deleteOr404(this: Bound<T>, id: IdLike): Promise<void> {
      if (!(await remove(this.runner, id))) throw notFound(spec.name, `with id ${String(id)}`);
    },
  };
}
