import type { Document } from 'bson';
import type { Collation } from '../../query/collation.ts';
import type { Collection } from '../../storage/collection.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';

/** What an opening stage localdb answers itself (a `$text` match, `$geoNear`) reads from. */
export interface OpeningContext {
  readonly collection: Collection | undefined;
  readonly variables: Document | undefined;
  readonly collation: Collation | undefined;
  /** A fresh view of a stored document (the pipeline may change it). */
  readonly view: (stored: StoredDoc) => Document;
}

/** The documents an opening stage produced, in order, and the stages left to mingo. */
export interface OpenedPipeline {
  readonly input: Document[];
  readonly stages: Document[];
}
