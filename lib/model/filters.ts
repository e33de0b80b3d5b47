import type { Document } from 'mongodb';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { bsonKindOf, date, decimal, objectId } from './fields.ts';
import type { ObjectSchema } from './types.ts';

/** The comparisons a list may offer on a field: `?year=` (eq), `?year[gte]=`, … (Stripe's form). */
export type Comparison = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';
/** A list route's filters: each stored field it may be filtered on, with its comparisons. */
export type FilterSpec = Readonly<Record<string, readonly Comparison[]>>;

const OPERATORS = Object.freeze({ gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte' });
const WORDS = Object.freeze({
  eq: 'is',
  gt: 'is above',
  gte: 'is at least',
  lt: 'is below',
  lte: 'is at most',
});

/** The query parameter of one comparison: `year` for eq, `year[gte]` for the others. */
export const filterParam = (field: string, op: Comparison) =>
  op === 'eq' ? field : `${field}[${op}]`;

interface Filterable {
  readonly name: string;
  readonly schema: ObjectSchema;
  readonly timestamps: boolean;
}

/** The schema of the stored value: through optional, nullable, default wrappers and arrays. */
function storedValue(schema: core.$ZodType): core.$ZodType {
  const def = schema._zod.def as { type: string; innerType?: core.$ZodType; element?: unknown };
  if (bsonKindOf(schema)) return schema;
  if (
    def.innerType &&
    ['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type)
  )
    return storedValue(def.innerType);
  // An array field matches a value it contains ({ tags: 'sf' }), as MongoDB compares arrays.
  if (def.type === 'array') return storedValue(def.element as core.$ZodType);
  return schema;
}

/** Whether the stored field is an array (its filter matches a value it contains). */
function holdsArray(schema: core.$ZodType | undefined): boolean {
  const def = schema?._zod.def as { type: string; innerType?: core.$ZodType } | undefined;
  if (def?.innerType && ['optional', 'nullable', 'default', 'prefault'].includes(def.type))
    return holdsArray(def.innerType);
  return def?.type === 'array';
}

/**
 * How one query-string value of the field is read: as the field's type, never its numeric
 * bounds (a filter `year[gte]=1000` is fine where a stored year is ≥ 1400). Only scalar kinds
 * filter.
 */
function valueSchema(model: Filterable, field: string): z.ZodMiniType {
  if (field === '_id') return objectId();
  if (model.timestamps && (field === 'createdAt' || field === 'updatedAt')) return date();
  const declared = (model.schema._zod.def.shape as Record<string, core.$ZodType | undefined>)[
    field
  ];
  if (!declared) throw new Error(`model ${model.name}: no field ${field} to filter on`);
  const stored = storedValue(declared);
  const kind = bsonKindOf(stored);
  if (kind === 'objectId') return objectId();
  if (kind === 'date') return date();
  if (kind === 'decimal') return decimal();
  const def = stored._zod.def as { type: string; entries?: Record<string, string> };
  if (def.type === 'number')
    return z.coerce.number().check(z.refine(Number.isFinite, 'must be a number'));
  if (def.type === 'enum' && def.entries) return z.enum(Object.values(def.entries));
  // The field's own string schema: its trim and lower-casing apply to the value compared (an
  // e-mail filter finds `Ada@X.io` stored as `ada@x.io`); a value it refuses can match nothing.
  if (def.type === 'string') return stored as z.ZodMiniString;
  if (def.type === 'boolean')
    return z.pipe(
      z.enum(['true', 'false']),
      z.transform((v) => v === 'true'),
    );
  throw new Error(`model ${model.name}: ${field} (${def.type}) is not a filterable scalar`);
}

/**
 * The query fields of a list's filters, to spread into `listQuery({...})`: one optional
 * parameter per comparison, read as the field's type (a 422 otherwise). Built at definition,
 * so an unknown or non-scalar field fails the cold start.
 */
export function filterQuery(model: Filterable, spec: FilterSpec): Record<string, core.$ZodType> {
  const shape: Record<string, core.$ZodType> = {};
  for (const [field, ops] of Object.entries(spec)) {
    for (const op of ops) {
      if (op !== 'eq' && !(op in OPERATORS)) throw new Error(`unknown comparison ${op}`);
      const many = holdsArray(model.schema._zod.def.shape[field]);
      const about = `Only items whose ${field} ${many ? 'include' : WORDS[op]} this`;
      shape[filterParam(field, op)] = z.optional(
        valueSchema(model, field).check(z.describe(about)),
      );
    }
  }
  return shape;
}

/** Every query parameter of the spec (for the links, which keep them). */
export const filterParams = (spec: FilterSpec): string[] =>
  Object.entries(spec).flatMap(([field, ops]) => ops.map((op) => filterParam(field, op)));

/** The MongoDB filter of the given comparisons; operators come from the spec, never the client. */
export function filterOf(spec: FilterSpec, query: object): Document {
  const values = query as Record<string, unknown>;
  const filter: Document = {};
  for (const [field, ops] of Object.entries(spec)) {
    const condition: Document = {};
    for (const op of ops) {
      const value = values[filterParam(field, op)];
      if (value === undefined) continue;
      condition[op === 'eq' ? '$eq' : OPERATORS[op]] = value;
    }
    if (Object.keys(condition).length > 0) filter[field] = condition;
  }
  return filter;
}
