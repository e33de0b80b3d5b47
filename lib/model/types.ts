import type { ClientSession, CollationOptions, Db, Document, IndexDescription } from 'mongodb';
import type * as z from 'zod/v4/core';
import type { TimeBudget } from '#lib/mongo/deadline.ts';

/** Set by the model on every write when `timestamps` is on. */
export interface Timestamps {
  createdAt: Date;
  updatedAt: Date;
}

/** What a bound model needs: the route's database and budget, and a session inside a transaction. */
export interface ModelContext {
  readonly db: Db;
  readonly budget: TimeBudget;
  readonly session?: ClientSession;
}

/** Server-side validator settings pushed by the migration (MongoDB's own names and defaults). */
export interface ValidationOptions {
  readonly level?: 'off' | 'strict' | 'moderate';
  readonly action?: 'error' | 'warn';
}

/** The sort of keyset pagination: one indexed field, `_id` is always the tie-break. */
export interface KeysetSort {
  readonly field: string;
  readonly direction: 1 | -1;
}

/** Any zod 4 object schema, classic (`zod`) or `zod/mini`. */
export type ObjectSchema = z.$ZodObject;

/** Set by a versioned model: 1 on insert, one more on every write (versioning.ts). */
export interface Versioned {
  version: number;
}

/** The stored document type: the schema's output plus timestamps and version when they are on. */
export type StoredDoc<
  S extends ObjectSchema,
  TS extends boolean,
  V extends boolean = false,
> = z.output<S> & (TS extends true ? Timestamps : unknown) & (V extends true ? Versioned : unknown);

export interface ModelOptions<
  S extends ObjectSchema,
  TS extends boolean,
  V extends boolean = false,
> {
  /** Singular name used in messages (`No author with id ...`). */
  readonly name: string;
  readonly collection: string;
  /** Strict object schema of the document without `_id` and timestamps. */
  readonly schema: S;
  readonly timestamps?: TS;
  /**
   * Optimistic concurrency: a `version` kept by every write, which writes can require
   * (`ifVersion`) and the HTTP layer turns into `ETag`/`If-Match` (conditional-requests.ts).
   */
  readonly versioned?: V;
  /** Single, compound, unique, sparse, partial and TTL indexes (the driver's IndexDescription). */
  readonly indexes?: readonly IndexDescription[];
  /**
   * How strings compare and sort in every operation and index of the model (collation.ts), e.g.
   * `{ locale: 'en', strength: 2 }` for case-insensitive; default MongoDB's binary order.
   */
  readonly collation?: CollationOptions;
  readonly validation?: ValidationOptions;
  /** `MONGODB_<NAME>_URI`/`_DB` connection name; `default` is MONGODB_URI/MONGODB_DB. */
  readonly connection?: string;
  /** Default keyset order of list routes (default `_id` ascending). */
  readonly keyset?: KeysetSort;
  /**
   * Fields a list route's `?sort=` may order by, each both ways (sort-orders.ts): required
   * scalars, each leading a declared index.
   */
  readonly sortable?: readonly string[];
  /**
   * Fields the server keeps (a counter): kept by replacements and PUT, `readOnly` in the
   * response schema; each optional or with a default (read-only.ts).
   */
  readonly readOnly?: readonly (keyof S['_zod']['def']['shape'] & string)[];
}

export type { Document };
