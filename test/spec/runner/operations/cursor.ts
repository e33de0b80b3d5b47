import type { AbstractCursor, ChangeStream } from 'mongodb';
import type { OperationHandler } from './context.ts';

/** Operations on cursors saved by createFindCursor, createCommandCursor and createChangeStream. */
export const cursorOperations: Readonly<
  Record<string, OperationHandler<AbstractCursor | ChangeStream>>
> = Object.freeze({
  iterateUntilDocumentOrError: (cursor) => cursor.next(),
  iterateOnce: (cursor) => cursor.tryNext(),
  close: async (cursor) => {
    await cursor.close();
  },
});
