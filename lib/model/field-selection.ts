import type { Document } from 'mongodb';
import * as z from 'zod/mini';
import type { ObjectSchema } from './types.ts';
import { VERSION_FIELD } from './versioning.ts';

/**
 * `?fields=name,email`: sparse fieldsets, MongoEngine's `only()`, Mongoose's `select()` and
 * Flask-MongoAlchemy's `retrieved_fields` as a query parameter. The database projects them, so
 * a list of large documents sends only what the client reads; `_id` always comes along, as in a
 * MongoDB projection. Top-level fields of the stored document only: the names are checked
 * against the model (a 422 naming each unknown one), never passed through to the server.
 */
export type FieldSelection = readonly string[];

/** What a selection needs of its model (lib/model's Model has it). */
export interface Selectable {
  readonly schema: ObjectSchema;
  readonly timestamps: boolean;
  readonly versioned: boolean;
}

/** The names `?fields=` accepts: `_id`, the schema's fields, the timestamps and the version. */
export function selectableFields(model: Selectable): readonly string[] {
  return [
    '_id',
    ...Object.keys(model.schema._zod.def.shape),
    ...(model.timestamps ? ['createdAt', 'updatedAt'] : []),
    ...(model.versioned ? [VERSION_FIELD] : []),
  ];
}

/** The `fields` query parameter of a route reading `model`'s documents. */
export function fieldsQuery(model: Selectable) {
  const names = selectableFields(model);
  const known = new Set(names);
  return z.optional(
    z.pipe(
      z
        .string()
        .check(
          z.maxLength(1024),
          z.describe(
            `Only these fields (and _id), comma-separated: ${names.join(', ')}. Default: all`,
          ),
        ),
      z.transform((text: string, ctx): FieldSelection => {
        const asked = text.split(',').map((name) => name.trim());
        for (const name of asked) {
          if (known.has(name)) continue;
          ctx.issues.push({
            code: 'custom',
            input: text,
            message:
              name === ''
                ? 'must name fields separated by single commas'
                : `unknown field ${JSON.stringify(name.slice(0, 64))}`,
          });
        }
        return [...new Set(asked)];
      }),
    ),
  );
}

/** The query of a route reading one document: `?fields=` (other parameters are ignored). */
export function fieldsOnlyQuery(model: Selectable) {
  return z.looseObject({ fields: fieldsQuery(model) });
}

/**
 * The projection of a selection, plus the fields the caller needs for itself (the version an
 * ETag is made of, the field a keyset cursor is made of).
 */
export function projectionOf(fields: FieldSelection, alsoRead: readonly string[] = []): Document {
  // A path under a selected field is read with it (naming both is a path collision).
  const more = alsoRead.filter((path) => !fields.includes(path.split('.')[0] ?? path));
  return Object.fromEntries([...fields, ...more].map((name) => [name, 1]));
}

/** The document as the selection shows it: `_id` and the selected fields it holds. */
export function pickFields<T extends Document>(doc: T, fields: FieldSelection): Partial<T> {
  const picked: Document = { _id: doc._id };
  for (const name of fields) if (name in doc) picked[name] = doc[name];
  return picked as Partial<T>;
}

/**
 * The JSON Schema of an answer under `?fields=` (for the OpenAPI document): the whole document,
 * or any part of it that keeps `_id`.
 */
export function selectableSchema(full: Record<string, unknown>): Record<string, unknown> {
  return { anyOf: [full, { ...full, required: ['_id'] }] };
}
