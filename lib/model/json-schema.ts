import { toJSONSchema } from 'zod/mini';
import type * as z from 'zod/v4/core';
import { type BsonKind, bsonKinds } from './fields.ts';

import type { JsonSchema } from './schema-forms.ts';

export type { JsonSchema };

/** What a BSON-kind field becomes in each dialect. */
const API_FORMS: Readonly<Record<BsonKind, JsonSchema>> = Object.freeze({
  objectId: { type: 'string', pattern: '^[0-9a-fA-F]{24}$' },
  date: { type: 'string', format: 'date-time' },
});

function convert(
  schema: z.$ZodType,
  io: 'input' | 'output',
  form: (kind: BsonKind) => JsonSchema,
): JsonSchema {
  const out = toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    // ObjectId/Date unions hold z.instanceof/z.date, which JSON Schema cannot express; the
    // override below replaces the whole union, so nothing unrepresentable survives.
    unrepresentable: 'any',
    override: (ctx) => {
      const kind = bsonKinds.get(ctx.zodSchema)?.bsonKind;
      if (kind === undefined) return;
      const target = ctx.jsonSchema as JsonSchema;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, form(kind));
    },
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/**
 * The JSON form of a schema as the API sees it: `input` is what a request may send (defaults
 * optional), `output` what a response carries (ObjectId as hex, Date as ISO date-time).
 */
export function apiJsonSchema(schema: z.$ZodType, io: 'input' | 'output'): JsonSchema {
  return convert(schema, io, (kind) => structuredClone(API_FORMS[kind]));
}

/** The stored form in JSON Schema, with BSON kinds marked `{bsonType}` for bson-schema.ts. */
export function storedJsonSchema(schema: z.$ZodType): JsonSchema {
  return convert(schema, 'output', (kind) => ({ bsonType: kind }));
}
