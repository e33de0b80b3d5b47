import type { Document } from 'mongodb';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { base } from './changes.ts';
import type { ObjectSchema } from './types.ts';
import { VERSION_FIELD } from './versioning.ts';

/**
 * `?fields=title,author.name`: sparse fieldsets, MongoEngine's `only()`, Mongoose's `select()`
 * and Flask-MongoAlchemy's `retrieved_fields` as a query parameter. The database projects them,
 * so a list of large documents sends only what the client reads; `_id` always comes along, as in
 * a MongoDB projection. The paths are checked against the model (a 422 naming each unknown
 * one), never passed through to the server.
 */
export type FieldSelection = readonly string[];

/** What a selection needs of its model (lib/model's Model has it). */
export interface Selectable {
  readonly schema: ObjectSchema;
  readonly timestamps: boolean;
  readonly versioned: boolean;
}

/** How deep dotted paths reach into embedded documents (`editions.year` is depth 2). */
const MAX_DEPTH = 3;

/** The fields of an embedded document, or of the documents of an array (`editions`), if any. */
function embeddedShape(field: core.$ZodType): Record<string, core.$ZodType> | undefined {
  let def = base(field);
  if (def.type === 'array' && def.element) def = base(def.element);
  return def.type === 'object'
    ? (def as unknown as { shape: Record<string, core.$ZodType> }).shape
    : undefined;
}

function pathsOf(shape: Record<string, core.$ZodType>, prefix: string, depth: number): string[] {
  return Object.entries(shape).flatMap(([key, field]) => {
    const inner = depth < MAX_DEPTH ? embeddedShape(field) : undefined;
    const path = `${prefix}${key}`;
    return inner ? [path, ...pathsOf(inner, `${path}.`, depth + 1)] : [path];
  });
}

/**
 * The paths `?fields=` accepts: `_id`, the schema's fields and the dotted paths into its
 * embedded documents, the timestamps and the version.
 */
export function selectableFields(model: Selectable): readonly string[] {
  return [
    '_id',
    ...pathsOf(model.schema._zod.def.shape, '', 1),
    ...(model.timestamps ? ['createdAt', 'updatedAt'] : []),
    ...(model.versioned ? [VERSION_FIELD] : []),
  ];
}

/** Whether `path` lies inside one of `fields` (`author.name` inside `author`). */
const within = (path: string, fields: FieldSelection) =>
  fields.some((field) => path.startsWith(`${field}.`));

/** The `fields` query parameter of a route reading `model`'s documents. */
export function fieldsQuery(model: Selectable) {
  const paths = selectableFields(model);
  const known = new Set(paths);
  return z.optional(
    z.pipe(
      z.string().check(
        z.maxLength(1024),
        z.describe('Only these fields (and _id), comma-separated; default: all'),
        // The OpenAPI document lists them (lib/openapi/document.ts reads `listOf`).
        z.meta({ listOf: paths }),
      ),
      z.transform((text: string, ctx): FieldSelection => {
        const asked = [...new Set(text.split(',').map((path) => path.trim()))];
        for (const path of asked) {
          if (known.has(path)) continue;
          const message =
            path === ''
              ? 'must name fields separated by single commas'
              : `unknown field ${JSON.stringify(path.slice(0, 64))}`;
          ctx.issues.push({ code: 'custom', input: text, message });
        }
        // `author,author.name` is `author` (MongoDB refuses both: a path collision).
        return asked.filter((path) => !within(path, asked));
      }),
    ),
  );
}

/** The query of a route reading one document: `?fields=` (other parameters are ignored). */
export function fieldsOnlyQuery(model: Selectable) {
  return z.looseObject({ fields: fieldsQuery(model) });
}

/** Of the top-level fields a caller reads for itself, those the selection does not show. */
export function hiddenOf(fields: FieldSelection, alsoRead: readonly string[]): readonly string[] {
  return alsoRead.filter(
    (name) => name !== '_id' && !fields.includes(name) && !within(name, fields),
  );
}

/**
 * The driver's `projection` of a selection, plus the top-level fields the caller reads for
 * itself (the version an ETag is made of, the field a keyset cursor is made of).
 */
export function projectionOf(fields: FieldSelection, alsoRead: readonly string[] = []): Document {
  return Object.fromEntries([...fields, ...hiddenOf(fields, alsoRead)].map((path) => [path, 1]));
}

/** The document without the fields read only for the caller. */
export function withoutHidden<T extends Document>(doc: T, hidden: readonly string[]): T {
  if (hidden.length === 0) return doc;
  const shown: Document = { ...doc };
  for (const name of hidden) delete shown[name];
  return shown as T;
}

/** A JSON Schema with no `required` anywhere: a projection may leave out any embedded field. */
function anyPart(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anyPart);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { required: _, ...rest } = schema as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [
      key,
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, anyPart(v)]))
        : key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf'
          ? anyPart(value)
          : value,
    ]),
  );
}

/**
 * The JSON Schema of an answer under `?fields=` (for the OpenAPI document): the whole document,
 * or any part of it that keeps `_id`.
 */
export function selectableSchema(full: Record<string, unknown>): Record<string, unknown> {
  return { anyOf: [full, { ...(anyPart(full) as object), required: ['_id'] }] };
}
