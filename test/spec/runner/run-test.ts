import type { MongoClient } from 'mongodb';
import { assertOutcome, loadInitialData } from './collection-data.ts';
import { createEntities, unsupportedEntity } from './create-entities.ts';
import { EntityMap } from './entities.ts';
import { runOperation } from './execute.ts';
import { assertEvents } from './expect-events.ts';
import { FailPoints } from './fail-points.ts';
import { schemaSupported } from './load.ts';
import type { OperationContext } from './operations/context.ts';
import { unsupportedOperation } from './operations/dispatch.ts';
import { unmetRequirements } from './requirements.ts';
import type { ServerInfo } from './server-info.ts';
import { SkipTest } from './skip.ts';
import type { Operation, SpecFile, SpecTest } from './types.ts';
import type { ClientUris } from './uris.ts';

export interface RunEnvironment {
  readonly uris: ClientUris;
  readonly internal: MongoClient;
  readonly server: ServerInfo;
}

function allOperations(operations: readonly Operation[]): Operation[] {
  return operations.flatMap((op) =>
    op.name === 'withTransaction' ? [op, ...allOperations(op.arguments?.callback ?? [])] : [op],
  );
}

/** Why the test cannot run here (requirements, unsupported runner features), or undefined. */
export async function skipReason(
  file: SpecFile,
  test: SpecTest,
  server: ServerInfo,
): Promise<string | undefined> {
  if (test.skipReason) return `skipReason: ${test.skipReason}`;
  const unmet =
    (await unmetRequirements(file.runOnRequirements, server)) ??
    (await unmetRequirements(test.runOnRequirements, server));
  if (unmet) return unmet;
  const operations = allOperations(test.operations);
  const entityReason = unsupportedEntity([
    ...(file.createEntities ?? []),
    ...operations
      .filter((op) => op.name === 'createEntities')
      .flatMap((op) => op.arguments?.entities ?? []),
  ]);
  if (entityReason) return entityReason;
  for (const operation of operations) {
    const reason = unsupportedOperation(operation.name);
    if (reason) return reason;
  }
  return undefined;
}

/** "Executing a Test": initial data, entities, operations, events, outcome; then cleanup. */
export async function runSpecTest(
  file: SpecFile,
  test: SpecTest,
  env: RunEnvironment,
): Promise<void> {
  if (!schemaSupported(file.schemaVersion))
    throw new Error(`unsupported schemaVersion ${file.schemaVersion}`);
  const reason = await skipReason(file, test, env.server);
  if (reason) throw new SkipTest(reason);
  const entities = new EntityMap();
  const failPoints = new FailPoints();
  const context: OperationContext = {
    entities,
    internal: env.internal,
    failPoints,
    uris: env.uris,
    runOperation: (operation) => runOperation(operation, context),
  };
  try {
    await loadInitialData(env.internal, file.initialData);
    await createEntities(file.createEntities ?? [], env.uris, entities);
    for (const operation of test.operations) await runOperation(operation, context);
    if (test.expectEvents) assertEvents(test.expectEvents, entities);
    if (test.outcome) await assertOutcome(env.internal, test.outcome, entities);
  } finally {
    await failPoints.disableAll();
    await entities.close();
    const usedTransactions = allOperations(test.operations).some((op) =>
      /^(startTransaction|withTransaction)$/.test(op.name),
    );
    if (usedTransactions) await killAllSessions(env.internal);
  }
}

/** Ends transactions a failed test may have left open; the server may not support it (ignored). */
async function killAllSessions(internal: MongoClient): Promise<void> {
  try {
    await internal.db('admin').command({ killAllSessions: [] });
  } catch {
    // CommandNotFound / Unauthorized / Interrupted are all acceptable here, per the format.
  }
}
