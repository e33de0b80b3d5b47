import type { AbstractCursor } from 'mongodb';
import type { OperationHandler } from './context.ts';

/** Operations on cursors saved by createFindCursor. */
export const cursorOperations: Readonly<Record<string, OperationHandler<AbstractCursor>>> =
  Object.freeze({
    iterateUntilDocumentOrError: (cursor) => cursor.next(),
    iterateOnce: (cursor) => cursor.tryNext(),
    close: async (cursor) => {
      await cursor.close();
    },
  });
