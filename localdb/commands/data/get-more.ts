import { type Document, Long } from 'bson';
import { CommandError } from '../../errors.ts';
import { isNumeric, toNumber } from '../../query/bson-type.ts';
import { DEFAULT_AWAIT_MS } from '../../storage/cursor-store.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optArray, optInteger } from './args.ts';

function cursorId(value: unknown, field: string): Long {
  if (value instanceof Long) return value;
  if (isNumeric(value)) return Long.fromNumber(toNumber(value));
  throw new CommandError(
    'TypeMismatch',
    `BSON field '${field}' is the wrong type, expected type 'long'`,
  );
}

export function getMore(command: Document, context: CommandContext): Document | Promise<Document> {
  checkFields(command, 'getMore', ['collection', 'batchSize', 'term', 'lastKnownCommittedOpTime']);
  const id = cursorId(command.getMore, 'getMore.getMore');
  const name = collectionArg(command, 'collection');
  const batchSize = optInteger(command, 'getMore', 'batchSize', 0) ?? 0;
  const ns = `${context.db}.${name}`;
  const { cursors } = context.engine;
  if (cursors.isTailing(id)) {
    // On an awaitData cursor maxTimeMS is how long to wait for documents, not a time limit.
    const awaitMs = optInteger(command, 'getMore', 'maxTimeMS', 0) ?? DEFAULT_AWAIT_MS;
    return cursors
      .getMoreTailing(id, ns, batchSize, awaitMs, context.signal)
      .then(({ batch, id: next, postBatchResumeToken }) => ({
        cursor: {
          nextBatch: batch,
          ...(postBatchResumeToken ? { postBatchResumeToken } : {}),
          id: next,
          ns,
        },
      }));
  }
  const { batch, id: next } = cursors.getMore(id, ns, batchSize);
  return { cursor: { nextBatch: batch, id: next, ns } };
}

export function killCursors(command: Document, context: CommandContext): Document {
  checkFields(command, 'killCursors', ['cursors']);
  collectionArg(command, 'killCursors');
  const ids = (optArray(command, 'killCursors', 'cursors') ?? []).map((v) =>
    cursorId(v, 'killCursors.cursors'),
  );
  const cursorsKilled: Long[] = [];
  const cursorsNotFound: Long[] = [];
  for (const id of ids)
    (context.engine.cursors.kill(id) ? cursorsKilled : cursorsNotFound).push(id);
  return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [] };
}
