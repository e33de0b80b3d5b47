/**
 * Spec tests the Node.js driver (v7) itself does not satisfy, against any server: skipped with
 * the reason, on every target. Keyed by "<folder>/<file>", then test description.
 */
const BYPASS_FALSE =
  'node driver omits bypassDocumentValidation: false from aggregate, findAndModify and bulk inserts';

const LIMITATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
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
