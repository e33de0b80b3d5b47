import type { Document } from 'mongodb';
import type * as z from 'zod/v4/core';

/** A JSON Schema object as z.toJSONSchema returns it. */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema forms of a stored-document schema that a model exposes. */
export interface SchemaForms {
  validator(stored: z.$ZodType): Document;
  responseSchema(stored: z.$ZodType): JsonSchema;
}

/*
 * zod's JSON Schema generator is ~22 KiB of every function bundle if define.ts imports it, yet
 * only the migration and the OpenAPI document use it. json-schema-forms.ts installs it here when
 * imported (lib/migrate and lib/openapi do), so handler bundles leave it out.
 */
let installed: SchemaForms | undefined;

export function installSchemaForms(forms: SchemaForms): void {
  installed = forms;
}

export function schemaForms(): SchemaForms {
  if (installed === undefined) {
    throw new Error(
      'JSON Schema generation is not loaded: import #lib/model/json-schema-forms.ts (lib/migrate and lib/openapi do)',
    );
  }
  return installed;
}
