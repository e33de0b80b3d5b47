import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { bsonTag, isNumeric, toNumber } from '../query/bson-type.ts';

/** The `data` of the failCommand fail point, checked once when it is configured. */
export interface FailCommandData {
  readonly failCommands: ReadonlySet<string>;
  readonly closeConnection: boolean;
  readonly errorCode?: number;
  /** Replaces the labels the server would add (an empty list means none). */
  readonly errorLabels?: readonly string[];
  readonly errorExtraInfo?: Document;
  readonly writeConcernError?: Document;
  readonly blockConnection: boolean;
  readonly blockTimeMS: number;
  readonly appName?: string;
  readonly namespace?: string;
}

/** A plain embedded document (not an array, date or BSON wrapper such as Binary). */
export function isPlainDocument(value: unknown): value is Document {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    bsonTag(value) === undefined
  );
}

function invalid(field: string, expected: string): CommandError {
  return new CommandError('BadValue', `fail point data: '${field}' must be ${expected}`);
}

/** Readers of one optional field each: undefined when absent, BadValue when of the wrong type. */
const read = Object.freeze({
  number(data: Document, field: string): number | undefined {
    const value = data[field];
    if (value === undefined) return undefined;
    if (!isNumeric(value)) throw invalid(field, 'a number');
    return toNumber(value);
  },
  boolean(data: Document, field: string): boolean | undefined {
    const value = data[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw invalid(field, 'a boolean');
    return value;
  },
  string(data: Document, field: string): string | undefined {
    const value = data[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalid(field, 'a string');
    return value;
  },
  document(data: Document, field: string): Document | undefined {
    const value = data[field];
    if (value === undefined) return undefined;
    if (!isPlainDocument(value)) throw invalid(field, 'an object');
    return value;
  },
  strings(data: Document, field: string): string[] | undefined {
    const value = data[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw invalid(field, 'an array of strings');
    }
    return value;
  },
});

export function parseFailCommandData(data: unknown): FailCommandData {
  if (data === undefined) return parseFailCommandData({});
  if (!isPlainDocument(data)) throw invalid('data', 'an object');
  const errorCode = read.number(data, 'errorCode');
  const errorLabels = read.strings(data, 'errorLabels');
  const errorExtraInfo = read.document(data, 'errorExtraInfo');
  const writeConcernError = read.document(data, 'writeConcernError');
  const appName = read.string(data, 'appName');
  const namespace = read.string(data, 'namespace');
  return {
    failCommands: new Set(read.strings(data, 'failCommands') ?? []),
    closeConnection: read.boolean(data, 'closeConnection') ?? false,
    blockConnection: read.boolean(data, 'blockConnection') ?? false,
    blockTimeMS: Math.max(0, read.number(data, 'blockTimeMS') ?? 0),
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(errorLabels ? { errorLabels } : {}),
    ...(errorExtraInfo ? { errorExtraInfo } : {}),
    ...(writeConcernError ? { writeConcernError } : {}),
    ...(appName !== undefined ? { appName } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  };
}

/** onPrimaryTransactionalWrite's data: close the connection (default) and/or fail before the write. */
export interface PrimaryWriteData {
  readonly closeConnection: boolean;
  readonly failBeforeCommitExceptionCode?: number;
  /** A localdb extension, as failCommand's: only connections of this client application. */
  readonly appName?: string;
}

export function parsePrimaryWriteData(data: unknown): PrimaryWriteData {
  if (data === undefined) return parsePrimaryWriteData({});
  if (!isPlainDocument(data)) throw invalid('data', 'an object');
  const code = read.number(data, 'failBeforeCommitExceptionCode');
  const appName = read.string(data, 'appName');
  return {
    closeConnection: read.boolean(data, 'closeConnection') ?? true,
    ...(code !== undefined ? { failBeforeCommitExceptionCode: code } : {}),
    ...(appName !== undefined ? { appName } : {}),
  };
}
