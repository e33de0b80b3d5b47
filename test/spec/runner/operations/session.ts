import type { SessionEntity } from '../entities.ts';
import type { Operation } from '../types.ts';
import type { OperationHandler } from './context.ts';

/** Session operations; withTransaction runs its callback operations with their own expectations. */
export const sessionOperations: Readonly<Record<string, OperationHandler<SessionEntity>>> =
  Object.freeze({
    startTransaction: async ({ session }, options) => {
      session.startTransaction(options);
    },
    commitTransaction: async ({ session }) => {
      await session.commitTransaction();
    },
    abortTransaction: async ({ session }) => {
      await session.abortTransaction();
    },
    endSession: async ({ session }) => {
      await session.endSession();
    },
    withTransaction: async ({ session }, { callback, ...options }, context) => {
      await session.withTransaction(async () => {
        for (const operation of callback as Operation[]) await context.runOperation(operation);
      }, options);
    },
  });
