import type { ObservabilityConfig } from '#lib/config/observability.ts';
import type { InvocationSummary } from './invocation.ts';

/**
 * CloudWatch Embedded Metric Format (EMF): a JSON log event whose `_aws` member tells
 * CloudWatch which top-level members are metrics (numbers) and dimensions (strings).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export const INVOCATION_METRICS = Object.freeze([
  Object.freeze({ Name: 'Latency', Unit: 'Milliseconds' }),
  Object.freeze({ Name: 'DbTime', Unit: 'Milliseconds' }),
  Object.freeze({ Name: 'DbCommands', Unit: 'Count' }),
  Object.freeze({ Name: 'ColdStart', Unit: 'Count' }),
  Object.freeze({ Name: 'ConnectionsOpened', Unit: 'Count' }),
  Object.freeze({ Name: 'Errors', Unit: 'Count' }),
] as const);

export const INVOCATION_DIMENSIONS = Object.freeze(['service', 'route'] as const);

/** The metric declarations of one namespace, as JSON text: the same for every line. */
const directivesJson = new Map<string, string>();

function directivesOf(namespace: string): string {
  let json = directivesJson.get(namespace);
  if (json === undefined) {
    json = JSON.stringify([
      { Namespace: namespace, Dimensions: [INVOCATION_DIMENSIONS], Metrics: INVOCATION_METRICS },
    ]);
    directivesJson.set(namespace, json);
  }
  return json;
}

/** The metric values and dimensions of one invocation (everything but `_aws`). */
function emfMembers(
  config: Pick<ObservabilityConfig, 'serviceName'>,
  summary: InvocationSummary,
): Record<string, unknown> {
  return {
    service: config.serviceName,
    route: summary.route,
    Latency: summary.durationMs,
    DbTime: summary.db.durationMs,
    DbCommands: summary.db.count,
    ColdStart: summary.cold ? 1 : 0,
    ConnectionsOpened: summary.db.connectionsOpened,
    Errors: summary.status >= 500 ? 1 : 0,
  };
}

/**
 * The EMF members of one invocation: dimensions service + route, ColdStart and Errors as
 * 0/1 (Sum counts, Average is a rate; Errors is a 5xx answer). Merged into the invocation
 * line, so one line per invocation is both the log entry and the metrics.
 */
export function invocationEmf(
  config: Pick<ObservabilityConfig, 'metricsNamespace' | 'serviceName'>,
  summary: InvocationSummary,
  timestamp: number,
): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: JSON.parse(directivesOf(config.metricsNamespace)),
    },
    ...emfMembers(config, summary),
  };
}

/**
 * The same as invocationEmf, for the writer: the members as an object and `_aws` as JSON text,
 * its declarations serialised once per namespace. JSON.stringify of the whole blob cost ~44k
 * instructions per line (the frozen declarations take its slow path); this part is now a copy.
 */
export function invocationEmfParts(
  config: Pick<ObservabilityConfig, 'metricsNamespace' | 'serviceName'>,
  summary: InvocationSummary,
  timestamp: number,
): { readonly members: Record<string, unknown>; readonly awsJson: string } {
  const directives = directivesOf(config.metricsNamespace);
  return {
    members: emfMembers(config, summary),
    awsJson: `"_aws":{"Timestamp":${Math.trunc(timestamp)},"CloudWatchMetrics":${directives}}`,
  };
}
