import {
  type Document,
  ReadConcern,
  ReadPreference,
  type ReadPreferenceMode,
  WriteConcern,
} from 'mongodb';

/** `{ mode, tagSets, maxStalenessSeconds, hedge }` as the format writes it → the driver's ReadPreference. */
export function toReadPreference(spec: Document): ReadPreference {
  return new ReadPreference(spec.mode as ReadPreferenceMode, spec.tagSets, {
    maxStalenessSeconds: spec.maxStalenessSeconds,
    hedge: spec.hedge,
  });
}

/**
 * Options documents of the format (collectionOptions, databaseOptions, transaction options,
 * operation arguments) → driver options: typed read preference/concern/write concern and
 * lower-case `returnDocument`.
 */
export function toDriverOptions(spec: Document): Document {
  const options: Document = { ...spec };
  if (spec.readPreference && typeof spec.readPreference === 'object') {
    options.readPreference = toReadPreference(spec.readPreference);
  }
  if (spec.readConcern && typeof spec.readConcern === 'object') {
    options.readConcern = ReadConcern.fromOptions({ readConcern: spec.readConcern });
  }
  if (spec.writeConcern && typeof spec.writeConcern === 'object') {
    options.writeConcern = WriteConcern.fromOptions({ writeConcern: spec.writeConcern });
  }
  if (typeof spec.returnDocument === 'string')
    options.returnDocument = spec.returnDocument.toLowerCase();
  return options;
}
