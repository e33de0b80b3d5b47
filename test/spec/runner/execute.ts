import { AbstractCursor, ChangeStream } from 'mongodb';
import { show } from './bson-values.ts';
import { assertExpectedError } from './expect-error.ts';
import { assertMatches } from './match.ts';
import type { OperationContext } from './operations/context.ts';
import { dispatch, ROOT_DOCUMENT_RESULTS } from './operations/dispatch.ts';
import { SkipTest } from './skip.ts';
import type { Operation } from './types.ts';

function label(operation: Operation): string {
  return `${operation.name} on ${operation.object}`;
}

/** `Name: message`, plus the cause's when the driver wraps a server error (client bulk write). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}

/** "Executing an Operation": run it, then check expectError / expectResult and save the result. */
export async function runOperation(operation: Operation, context: OperationContext): Promise<void> {
  let result: unknown;
  let error: unknown;
  let failed = false;
  try {
    result = await dispatch(operation, context);
  } catch (caught) {
    if (caught instanceof SkipTest) throw caught;
    error = caught;
    failed = true;
  }
  if (operation.ignoreResultAndError) return;
  if (operation.expectError) {
    if (!failed)
      throw new Error(`${label(operation)}: expected an error, got result ${show(result)}`);
    try {
      assertExpectedError(operation.expectError, error, context.entities);
    } catch (mismatch) {
      throw new Error(`${label(operation)}: ${(mismatch as Error).message}`, { cause: error });
    }
    return;
  }
  if (failed) {
    const reason = describeError(error);
    throw new Error(`${label(operation)} failed: ${reason}`, { cause: error });
  }
  if (operation.expectResult !== undefined) {
    try {
      assertMatches(operation.expectResult, result, context.entities, {
        root: true,
        rootElements: ROOT_DOCUMENT_RESULTS.has(operation.name),
      });
    } catch (mismatch) {
      throw new Error(`${label(operation)} result: ${(mismatch as Error).message}`, {
        cause: mismatch,
      });
    }
  }
  if (operation.saveResultAsEntity) {
    const cursor = result instanceof AbstractCursor || result instanceof ChangeStream;
    const kind = cursor ? 'cursor' : 'bson';
    context.entities.set(operation.saveResultAsEntity, kind, result);
  }
}
