export { configureTransactions, coordinatorOf } from './coordinator.ts';
export { isRetryOfAppliedWrite, RETRYABLE_WRITES } from './retryable-write.ts';
export { transactionControl, withSessionSemantics } from './session-command.ts';
export { type StatementLog, statementLogOf } from './statement-log.ts';
