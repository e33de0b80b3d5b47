import type { Document, Filter, IndexDescription } from 'mongodb';
import { extend, int, minimum } from 'zod/mini';
import type * as z from 'zod/v4/core';
import { DEFAULT_CONNECTION } from '#lib/mongo/connections.ts';
import { collatedIndexes } from './collation.ts';
import { date, objectId } from './fields.ts';
import { insertManyReport } from './insert-many.ts';
import { paginate } from './pagination/paginate.ts';
import type { PaginateRequest, Pagination, Relevance } from './pagination/types.ts';
import { checkReadOnly, markReadOnly } from './read-only.ts';
import { type HasRunner, readOps } from './reads.ts';
import { createRunner, type Runner } from './runner.ts';
import { type JsonSchema, schemaForms } from './schema-forms.ts';
import { orderOf, type SortOrders, sortOrders } from './sort-orders.ts';
import type {
  KeysetSort,
  ModelContext,
  ModelOptions,
  ObjectSchema,
  StoredDoc,
  ValidationOptions,
} from './types.ts';
import { VERSION_FIELD } from './versioning.ts';
import { writeOps } from './writes.ts';

/** The fields the model itself writes cannot be fields of the schema too. */
function refuseReservedFields(schema: ObjectSchema, timestamps: boolean, versioned: boolean) {
  const reserved = ['_id', ...(timestamps ? ['createdAt', 'updatedAt'] : [])];
  if (versioned) reserved.push(VERSION_FIELD);
  const taken = reserved.filter((key) => key in schema._zod.def.shape);
  if (taken.length > 0) throw new Error(`model schema must not declare ${taken.join(', ')}`);
}

// Why zod 4, and zod/mini for the project's own schemas: lib/model/README.md.

export type BoundModel<T extends Document, S extends ObjectSchema> = ReturnType<typeof readOps<T>> &
  ReturnType<typeof writeOps<T, S>> &
  HasRunner<T> & {
    insertMany(
      inputs: readonly z.input<S>[],
      options?: { ordered?: boolean },
    ): ReturnType<typeof insertManyReport>;
    /**
     * Page mode (`{page, perPage}`) or keyset mode (`{cursor?, limit}`), on the model's keyset
     * order unless given another, or RELEVANCE (page mode, a `$text` filter). With
     * `request.fields`, each item holds only those fields and `_id` (the type, as with the
     * driver's `projection`, is not narrowed).
     */
    paginate(
      filter: Filter<T>,
      request: PaginateRequest,
      sort?: KeysetSort | Relevance,
    ): Promise<Pagination<T>>;
  };

type QueryFns<T extends Document, S extends ObjectSchema> = Record<
  string,
  // biome-ignore lint/suspicious/noExplicitAny: named queries take any arguments they declare
  (model: BoundModel<T, S>, ...args: any[]) => unknown
>;
type BoundQueries<Q> = {
  // biome-ignore lint/suspicious/noExplicitAny: see QueryFns
  [K in keyof Q]: Q[K] extends (model: any, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

export interface Model<S extends ObjectSchema, TS extends boolean, Q, V extends boolean = false> {
  readonly name: string;
  readonly collection: string;
  readonly connection: string;
  /** The document without `_id` and timestamps: what create/replace bodies carry. */
  readonly schema: S;
  /** The document as stored (with `_id`, and timestamps when on). */
  readonly storedSchema: ObjectSchema;
  readonly timestamps: TS;
  /** Whether documents carry a `version` (optimistic concurrency, versioning.ts). */
  readonly versioned: V;
  readonly indexes: readonly IndexDescription[];
  readonly validation: Required<ValidationOptions>;
  readonly keyset: KeysetSort;
  /** The `?sort=` tokens of `sortable` (`year`, `-year`, …) and their orders. */
  readonly sorts: SortOrders;
  /** Fields the server keeps: replacements keep them, responses mark them `readOnly`. */
  readonly readOnly: readonly string[];
  /** The order a `?sort=` token names; without one the keyset order. */
  orderOf(token?: string): KeysetSort;
  /**
   * `{ $jsonSchema }` for createCollection/collMod (pushed by the migration only). This and
   * responseSchema() need #lib/model/json-schema-forms.ts loaded (lib/migrate, lib/openapi).
   */
  validator(): Document;
  /** JSON Schema of the stored document as responses carry it. */
  responseSchema(): JsonSchema;
  bind(
    context: ModelContext,
  ): BoundModel<StoredDoc<S, TS, V>, S> & { readonly query: BoundQueries<Q> };
  /** Declares named queries (`Person.query.get_johns()` of seed 002). */
  withQueries<Q2 extends QueryFns<StoredDoc<S, TS, V>, S>>(queries: Q2): Model<S, TS, Q2, V>;
}

export function model<
  S extends ObjectSchema,
  TS extends boolean = false,
  V extends boolean = false,
>(options: ModelOptions<S, TS, V>): Model<S, TS, {}, V> {
  return build(options, {});
}

function build<S extends ObjectSchema, TS extends boolean, Q, V extends boolean>(
  options: ModelOptions<S, TS, V>,
  queries: Q,
): Model<S, TS, Q, V> {
  type T = StoredDoc<S, TS, V>;
  const timestamps = (options.timestamps ?? false) as TS;
  const versioned = (options.versioned ?? false) as V;
  refuseReservedFields(options.schema, timestamps, versioned);
  // Only the migration and OpenAPI read it: built on first use, not at every cold start.
  let storedSchema: ObjectSchema | undefined;
  const stored = () =>
    (storedSchema ??= extend(options.schema as never, {
      _id: objectId(),
      ...(timestamps ? { createdAt: date(), updatedAt: date() } : {}),
      ...(versioned ? { [VERSION_FIELD]: int().check(minimum(1)) } : {}),
    }) as ObjectSchema);
  const keyset = options.keyset ?? { field: '_id', direction: 1 };
  const indexes = collatedIndexes(options.name, options.indexes ?? [], options.collation);
  const sorts = sortOrders({
    name: options.name,
    schema: options.schema,
    timestamps,
    keyset,
    sortable: options.sortable ?? [],
    indexes,
  });
  const validation = { level: 'strict', action: 'error', ...options.validation } as const;
  const readOnly = checkReadOnly(options.name, options.schema, options.readOnly ?? []);
  const writes = writeOps<T, S>({
    name: options.name,
    schema: options.schema,
    timestamps,
    versioned,
    readOnly,
  });
  // Built once per model; bind() makes one object over it per request (no closures per request).
  const operations: Omit<BoundModel<T, S>, 'runner'> & { readonly query: BoundQueries<Q> } = {
    ...readOps<T>(options.name, versioned ? [VERSION_FIELD] : []),
    ...writes,
    insertMany(this: HasRunner<T>, inputs, o = {}) {
      return insertManyReport(this.runner, writes.prepare, inputs, o.ordered ?? true);
    },
    paginate(this: HasRunner<T>, filter, request, sort = keyset) {
      return paginate(this.runner, filter, request, sort);
    },
    /** Named queries, bound to this model on first use. */
    get query(): BoundQueries<Q> {
      const bound = this as unknown as BoundModel<T, S>;
      const query = Object.fromEntries(
        Object.entries(
          queries as Record<string, (m: BoundModel<T, S>, ...a: unknown[]) => unknown>,
        ).map(([key, fn]) => [key, (...args: unknown[]) => fn(bound, ...args)]),
      ) as BoundQueries<Q>;
      Object.defineProperty(this, 'query', { value: query });
      return query;
    },
  };
  const target = {
    collection: options.collection,
    connection: options.connection ?? DEFAULT_CONNECTION,
    collation: options.collation,
  };
  const self: Model<S, TS, Q, V> = {
    name: options.name,
    collection: options.collection,
    connection: target.connection,
    schema: options.schema,
    get storedSchema() {
      return stored();
    },
    timestamps,
    versioned,
    indexes,
    validation,
    keyset,
    sorts,
    readOnly,
    orderOf: (token) => orderOf(sorts, keyset, token),
    validator: () => schemaForms().validator(stored()),
    responseSchema: () => markReadOnly(schemaForms().responseSchema(stored()), readOnly),
    bind(context) {
      const bound = Object.create(operations) as BoundModel<T, S> & { runner: Runner<T> };
      bound.runner = createRunner<T>(context, target);
      return bound as ReturnType<Model<S, TS, Q, V>['bind']>;
    },
    withQueries: (more) => build(options, { ...queries, ...more }),
  };
  return Object.freeze(self);
}
