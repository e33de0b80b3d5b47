import type { Document } from 'mongodb';
import { ApiError } from '#lib/http/errors.ts';

/**
 * Optimistic concurrency (Mongoose's `optimisticConcurrency`, without its `__v` name): a
 * versioned model stores `version`, 1 on insert and one more on every write, so a client that
 * read version 3 can ask for a write that happens only while the document is still at 3 (the
 * HTTP layer's `If-Match: "3"`, lib/model/conditional-requests.ts). The check is part of the
 * write's own filter, so two writers holding the same version cannot both succeed.
 */
export const VERSION_FIELD = 'version';

/** What a write may require of the stored document. */
export interface WriteOptions {
  /**
   * Versions the document must be at for the write to happen (any of them). A document
   * written before the model was versioned has none, which `0` stands for. Empty: never.
   */
  readonly ifVersion?: readonly number[];
  /** Versions the document must not be at (`If-None-Match`, weak comparison); 0 as above. */
  readonly ifNotVersion?: readonly number[];
}

/** The stored document's version; 0 for one written before its model was versioned. */
export function versionOf(doc: Document): number {
  const version = doc[VERSION_FIELD];
  return typeof version === 'number' ? version : 0;
}

/** The options of a write, checked: a typo must not silently drop the precondition. */
export function checkWriteOptions(options: WriteOptions): WriteOptions {
  for (const key of Object.keys(options)) {
    if (key !== 'ifVersion' && key !== 'ifNotVersion')
      throw new TypeError(`unknown write option: ${key}`);
  }
  for (const [key, list] of Object.entries(options) as [string, unknown][]) {
    const versions = list === undefined || (Array.isArray(list) && list.every(isVersion));
    if (!versions) throw new TypeError(`${key} must list versions: integers from 0`);
  }
  return options;
}

const isVersion = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/** Whether a write requires anything of the stored version. */
export const hasPrecondition = (options: WriteOptions) =>
  options.ifVersion !== undefined || options.ifNotVersion !== undefined;

/** The filter member a write's options put on `version` (`$in` and/or `$nin`); {} for none. */
export function preconditionFilter(options: WriteOptions): Document {
  const version: Document = {};
  if (options.ifVersion !== undefined)
    version.$in = options.ifVersion.map((v) => (v === 0 ? null : v));
  if (options.ifNotVersion !== undefined)
    version.$nin = options.ifNotVersion.map((v) => (v === 0 ? null : v));
  return Object.keys(version).length > 0 ? { [VERSION_FIELD]: version } : {};
}

/** `$in` of the versions; `null` matches a document without the field (version 0). */
export function versionCondition(ifVersion: readonly number[]): Document {
  return { [VERSION_FIELD]: { $in: ifVersion.map((v) => (v === 0 ? null : v)) } };
}

/** `what` names the document: `with id …` or `matching the request`. */
export function preconditionFailed(name: string, what: string): ApiError {
  return new ApiError(
    412,
    `The ${name} ${what} is not at the version the request expects: read it again`,
    { type: 'precondition-failed' },
  );
}

/** `$inc` of the version added to an update document. */
export function withVersionIncrement(update: Document): Document {
  return { ...update, $inc: { ...update.$inc, [VERSION_FIELD]: 1 } };
}
