import type { Document } from 'bson';
import type { CollationSpec, CollectionResolver, Options } from 'mingo/types';
import { validateSchema } from './json-schema.ts';
import { LOCALDB_CONTEXT } from './mingo-context.ts';

/** mingo options shared by queries, validators and pipelines: localdb's context, strict MongoDB mode. */
export function queryOptions(
  extra: {
    variables?: Document;
    collectionResolver?: CollectionResolver;
    collation?: CollationSpec;
  } = {},
): Partial<Options> {
  return {
    context: LOCALDB_CONTEXT,
    useStrictMode: true,
    jsonSchemaValidator: (schema) => (doc) => validateSchema(schema as Document, doc).length === 0,
    ...extra,
  };
}
