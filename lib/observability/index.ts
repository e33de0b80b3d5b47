export { commandFiguresRead, monitorClient } from './command-monitor.ts';
export {
  INVOCATION_DIMENSIONS,
  INVOCATION_METRICS,
  invocationEmf,
  invocationEmfParts,
} from './emf.ts';
export {
  type CommandTotals,
  createInvocation,
  type Invocation,
  type InvocationSummary,
  recordCommand,
  summarize,
} from './invocation.ts';
export { observeInvocation } from './middleware.ts';
export { beginInvocation, currentInvocation, endInvocation, onlyInFlight } from './store.ts';
export { createLineWriter, type LineWriter, observabilityWriter } from './writer.ts';
