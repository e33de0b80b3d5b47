export { configureTransactions, coordinatorOf } from './coordinator.ts';
export { transactionControl, withSessionSemantics } from './session-command.ts';
export { type StatementLog, statementLogOf } from './statement-log.ts';
