/**
 * Spec tests the Node.js driver (v7) itself does not satisfy, against any server: skipped with
 * the reason, on every target. Keyed by "<folder>/<file>", then test description.
 */
const BYPASS_FALSE =
  'node driver omits bypassDocumentValidation: false from aggregate, findAndModify and bulk inserts';

const NULL_ID = 'node driver replaces a null _id with a new ObjectId before inserting';

const GRIDFS_EQ =
  'node driver queries GridFS files as { _id: { $eq: id } }, the tests expect { _id: id }';

const ATTEMPTED_IDS =
  'node driver reports every attempted insert in insertedIds when a bulk write fails with a network error';

/** "*" stands for every test of the file. */
const LIMITATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  'retryable-reads/gridfs-download-serverErrors.json': { '*': GRIDFS_EQ },
  'retryable-writes/bulkWrite.json': { 'First insertOne is never committed': ATTEMPTED_IDS },
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
  const reason = LIMITATIONS[key]?.[description] ?? LIMITATIONS[key]?.['*'];
  return reason ? `driver limitation: ${reason}` : undefined;
}
