import type { AnyClientBulkWriteModel, Document, MongoClient } from 'mongodb';
import { isDocument } from '../bson-values.ts';

/** `{ insertOne: { namespace, document } }` (format) → `{ name: 'insertOne', namespace, document }` (driver). */
function toDriverModel(model: Document): AnyClientBulkWriteModel<Document> {
  const [name, spec] = Object.entries(model)[0] ?? [];
  if (!name || !isDocument(spec))
    throw new Error(`malformed clientBulkWrite model ${JSON.stringify(model)}`);
  return { name, ...spec } as unknown as AnyClientBulkWriteModel<Document>;
}

/** The driver reports per-operation results as Maps keyed by index; the format expects documents. */
export function plainResult(value: unknown): unknown {
  if (value instanceof Map) {
    return Object.fromEntries(
      [...value.entries()].map(([key, entry]) => [String(key), plainResult(entry)]),
    );
  }
  if (!isDocument(value)) return value;
  const out: Document = {};
  for (const key of Object.keys(value)) out[key] = plainResult(value[key]);
  for (const key of ['insertResults', 'updateResults', 'deleteResults']) {
    const maps = value as Record<string, unknown>;
    if (maps[key] instanceof Map) out[key] = plainResult(maps[key]);
  }
  // The driver adds `didUpsert` to each update result; the CRUD spec's UpdateResult has no such field.
  if (isDocument(out.updateResults)) {
    for (const entry of Object.values(out.updateResults)) {
      if (isDocument(entry)) delete entry.didUpsert;
    }
  }
  return out;
}

export async function clientBulkWrite(
  client: MongoClient,
  { models, ...options }: Document,
): Promise<unknown> {
  const result = await client.bulkWrite((models as Document[]).map(toDriverModel), options);
  return plainResult(result);
}
