/**
 * Spec tests the Node.js driver (v7) itself does not satisfy, against any server: skipped with
 * the reason, on every target. Keyed by "<folder>/<file>", then test description.
 */
const BYPASS_FALSE =
  'node driver omits bypassDocumentValidation: false from aggregate, findAndModify and bulk inserts';

const NULL_ID = 'node driver replaces a null _id with a new ObjectId before inserting';

const LIMITATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  'crud/create-null-ids.json': {
    'inserting _id with type null via insertOne': NULL_ID,
    'inserting _id with type null via insertMany': NULL_ID,
    'inserting _id with type null via bulkWrite': NULL_ID,
    'inserting _id with type null via clientBulkWrite': NULL_ID,
  },
  'crud/bypassDocumentValidation.json': {
    'Aggregate with $out passes bypassDocumentValidation: false': BYPASS_FALSE,
    'BulkWrite passes bypassDocumentValidation: false': BYPASS_FALSE,
    'FindOneAndReplace passes bypassDocumentValidation: false': BYPASS_FALSE,
    'FindOneAndUpdate passes bypassDocumentValidation: false': BYPASS_FALSE,
    'InsertMany passes bypassDocumentValidation: false': BYPASS_FALSE,
  },
});

export function driverLimitation(key: string, description: string): string | undefined {
  const reason = LIMITATIONS[key]?.[description];
  return reason ? `driver limitation: ${reason}` : undefined;
}
