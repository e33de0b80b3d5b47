import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ObservabilityConfig } from '#lib/config/observability.ts';
import type { InvocationSummary } from './invocation.ts';

/** Metric names of one invocation (CloudWatch EMF, namespace METRICS_NAMESPACE). */
export const METRIC_NAMES = Object.freeze({
  latency: 'Latency',
  dbTime: 'DbTime',
  dbCommands: 'DbCommands',
  coldStart: 'ColdStart',
  connectionsOpened: 'ConnectionsOpened',
  errors: 'Errors',
});

export function createMetrics(config: ObservabilityConfig): Metrics {
  return new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
}

/**
 * One EMF blob per invocation with dimensions service + route. ColdStart and Errors are 0 or
 * 1, so their Sum counts and their Average is a rate. Flushed here, not at container exit.
 */
export function publishInvocationMetrics(metrics: Metrics, summary: InvocationSummary): void {
  metrics.addDimension('route', summary.route);
  metrics.addMetric(METRIC_NAMES.latency, MetricUnit.Milliseconds, summary.durationMs);
  metrics.addMetric(METRIC_NAMES.dbTime, MetricUnit.Milliseconds, summary.db.durationMs);
  metrics.addMetric(METRIC_NAMES.dbCommands, MetricUnit.Count, summary.db.count);
  metrics.addMetric(METRIC_NAMES.coldStart, MetricUnit.Count, summary.cold ? 1 : 0);
  metrics.addMetric(METRIC_NAMES.connectionsOpened, MetricUnit.Count, summary.db.connectionsOpened);
  metrics.addMetric(METRIC_NAMES.errors, MetricUnit.Count, summary.status >= 500 ? 1 : 0);
  metrics.publishStoredMetrics();
}
