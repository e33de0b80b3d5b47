import { bsonJsonSchema } from './bson-schema.ts';
import { apiJsonSchema } from './json-schema.ts';
import { installSchemaForms } from './schema-forms.ts';

/** Imported for its effect: gives every model its validator() and responseSchema(). */
installSchemaForms({
  validator: (stored) => ({ $jsonSchema: bsonJsonSchema(stored) }),
  responseSchema: (stored) => apiJsonSchema(stored, 'output'),
});
