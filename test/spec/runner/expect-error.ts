import {
  MongoBulkWriteError,
  MongoClientBulkWriteError,
  MongoError,
  MongoOperationTimeoutError,
  MongoServerError,
} from 'mongodb';
import { assert } from 'vitest';
import { isDocument } from './bson-values.ts';
import { assertMatches, type MatchEntities } from './match.ts';
import { plainResult } from './operations/client-bulk-write.ts';
import type { ExpectedError } from './types.ts';

interface ErrorFields {
  code?: unknown;
  codeName?: unknown;
  errorResponse?: unknown;
}

/** The result carried by a bulk write error (partial result for client bulk writes). */
function errorResult(error: unknown): unknown {
  if (error instanceof MongoClientBulkWriteError) return plainResult(error.partialResult);
  if (error instanceof MongoBulkWriteError) return error.result;
  return undefined;
}

/** Asserts an operation's error against the format's expectedError. */
export function assertExpectedError(
  expected: ExpectedError,
  error: unknown,
  entities: MatchEntities,
): void {
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error
      ? ` (cause: ${error.cause.message})`
      : '';
  const context = `error ${error instanceof Error ? error.name : typeof error}: ${message}${cause}`;
  // A client bulk write's top-level server error is the wrapper's cause (the spec's `error` field).
  const topLevel =
    error instanceof MongoClientBulkWriteError && error.cause instanceof MongoError
      ? error.cause
      : error;
  const fields = (typeof topLevel === 'object' && topLevel !== null ? topLevel : {}) as ErrorFields;
  if (expected.isClientError !== undefined) {
    assert.strictEqual(
      !(error instanceof MongoServerError),
      expected.isClientError,
      `isClientError; ${context}`,
    );
  }
  if (expected.isTimeoutError !== undefined) {
    assert.strictEqual(
      error instanceof MongoOperationTimeoutError,
      expected.isTimeoutError,
      `isTimeoutError; ${context}`,
    );
  }
  if (expected.errorContains !== undefined) {
    assert.include(
      message.toLowerCase(),
      expected.errorContains.toLowerCase(),
      `errorContains; ${context}`,
    );
  }
  if (expected.errorCode !== undefined)
    assert.strictEqual(fields.code, expected.errorCode, `errorCode; ${context}`);
  if (expected.errorCodeName !== undefined) {
    assert.strictEqual(fields.codeName, expected.errorCodeName, `errorCodeName; ${context}`);
  }
  const hasLabel = (label: string) =>
    [error, topLevel].some((e) => e instanceof MongoError && e.hasErrorLabel(label));
  for (const label of expected.errorLabelsContain ?? [])
    assert.isTrue(hasLabel(label), `label ${label} missing; ${context}`);
  for (const label of expected.errorLabelsOmit ?? [])
    assert.isFalse(hasLabel(label), `label ${label} present; ${context}`);
  if (expected.errorResponse !== undefined) {
    assertMatches(expected.errorResponse, fields.errorResponse, entities, {
      root: true,
      path: 'errorResponse',
    });
  }
  if (expected.writeErrors !== undefined) {
    const actual =
      error instanceof MongoClientBulkWriteError ? plainResult(error.writeErrors) : undefined;
    if (!isDocument(actual)) throw new Error(`writeErrors expected, but ${context}`);
    assert.sameMembers(
      Object.keys(actual),
      Object.keys(expected.writeErrors),
      'writeErrors indexes',
    );
    for (const [index, value] of Object.entries(expected.writeErrors)) {
      assertMatches(value, actual[index], entities, { root: true, path: `writeErrors.${index}` });
    }
  }
  if (expected.writeConcernErrors !== undefined) {
    const actual =
      error instanceof MongoClientBulkWriteError ? error.writeConcernErrors : undefined;
    assertMatches(expected.writeConcernErrors, actual, entities, {
      rootElements: true,
      path: 'writeConcernErrors',
    });
  }
  if (expected.expectResult !== undefined) {
    assertMatches(expected.expectResult, errorResult(error), entities, {
      root: true,
      path: 'expectError.expectResult',
    });
  }
}
