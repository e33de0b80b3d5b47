import { type Document, Timestamp } from 'bson';
import { checkNestedFields } from '../commands/data/args.ts';
import { CommandError } from '../errors.ts';
import { isPlainObject } from '../query/paths.ts';
import { decodeResumeToken, type ResumePoint } from './resume-token.ts';

const FULL_DOCUMENT = ['default', 'updateLookup', 'whenAvailable', 'required'] as const;
const BEFORE_CHANGE = ['off', 'whenAvailable', 'required'] as const;

export type FullDocumentMode = (typeof FULL_DOCUMENT)[number];
export type BeforeChangeMode = (typeof BEFORE_CHANGE)[number];

/** Where a stream starts: after a token (resumeAfter or startAfter), at a time, or now. */
export type StreamStart =
  | { readonly after: ResumePoint; readonly startAfter: boolean }
  | { readonly atTime: Timestamp }
  | undefined;

export interface StreamOptions {
  readonly fullDocument: FullDocumentMode;
  readonly fullDocumentBeforeChange: BeforeChangeMode;
  readonly allChangesForCluster: boolean;
  readonly showExpandedEvents: boolean;
  readonly start: StreamStart;
}

const FIELDS = new Set([
  'fullDocument',
  'fullDocumentBeforeChange',
  'resumeAfter',
  'startAfter',
  'startAtOperationTime',
  'allChangesForCluster',
  'showExpandedEvents',
  'allowToRunOnConfigDB',
  'allowToRunOnSystemNS',
]);

function enumValue<T extends string>(spec: Document, field: string, values: readonly T[]): T {
  const value: unknown = spec[field];
  if (value === undefined) return values[0] as T;
  if (typeof value !== 'string' || !values.includes(value as T)) {
    throw new CommandError(
      'BadValue',
      `Enumeration value '${String(value)}' for field '$changeStream.${field}' is not a valid value.`,
    );
  }
  return value as T;
}

function booleanValue(spec: Document, field: string): boolean {
  const value: unknown = spec[field];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new CommandError(
      'TypeMismatch',
      `BSON field '$changeStream.${field}' is the wrong type, expected type 'bool'`,
    );
  }
  return value;
}

function startOf(spec: Document): StreamStart {
  const given = ['resumeAfter', 'startAfter', 'startAtOperationTime'].filter(
    (field) => spec[field] !== undefined,
  );
  if (spec.resumeAfter !== undefined && spec.startAfter !== undefined)
    throw new CommandError('Location50865', "Do not specify both 'startAfter' and 'resumeAfter'");
  if (given.length > 1)
    throw new CommandError(
      'Location40674',
      'Only one type of resume option is allowed, but multiple were found.',
    );
  if (spec.startAtOperationTime !== undefined) {
    if (!(spec.startAtOperationTime instanceof Timestamp)) {
      throw new CommandError(
        'TypeMismatch',
        "BSON field '$changeStream.startAtOperationTime' is the wrong type, expected type 'timestamp'",
      );
    }
    return { atTime: spec.startAtOperationTime };
  }
  const field = given[0];
  if (field === undefined) return undefined;
  const after = decodeResumeToken(spec[field], field);
  if (after.invalidate && field === 'resumeAfter') {
    throw new CommandError(
      'InvalidResumeToken',
      "Attempting to resume a change stream using 'resumeAfter' is not allowed from an invalidate notification.",
    );
  }
  return { after, startAfter: field === 'startAfter' };
}

/** The `$changeStream` stage's specification, checked as mongod parses it. */
export function parseStreamOptions(spec: unknown): StreamOptions {
  if (!isPlainObject(spec)) {
    throw new CommandError('Location50808', '$changeStream stage expects a document as argument');
  }
  checkNestedFields(spec, '$changeStream', FIELDS);
  return {
    fullDocument: enumValue(spec, 'fullDocument', FULL_DOCUMENT),
    fullDocumentBeforeChange: enumValue(spec, 'fullDocumentBeforeChange', BEFORE_CHANGE),
    allChangesForCluster: booleanValue(spec, 'allChangesForCluster'),
    showExpandedEvents: booleanValue(spec, 'showExpandedEvents'),
    start: startOf(spec),
  };
}
