export { monitorClient } from './command-monitor.ts';
export {
  type CommandTotals,
  createInvocation,
  type Invocation,
  type InvocationSummary,
  recordCommand,
  summarize,
} from './invocation.ts';
export { createObservabilityLogger, observabilityLogger } from './log.ts';
export { createMetrics, METRIC_NAMES, publishInvocationMetrics } from './metrics.ts';
export { observeInvocation } from './middleware.ts';
export { beginInvocation, currentInvocation, endInvocation } from './store.ts';
