import { getObservabilityConfig } from '#lib/config/observability.ts';
import type { ApiMiddleware, ApiRequest } from '#lib/http/types.ts';
import { describeError, logger } from '#lib/log/index.ts';
import { invocationEmf, invocationEmfParts } from './emf.ts';
import {
  createInvocation,
  type Invocation,
  type InvocationSummary,
  summarize,
} from './invocation.ts';
import { beginInvocation, endInvocation } from './store.ts';
import { observabilityWriter } from './writer.ts';

/** Invocations this container has started: the first one is the cold start. */
let started = 0;

/** API Gateway's route template (`GET /users/{id}`): low-cardinality, unlike rawPath. */
function routeOf(request: ApiRequest): string {
  const key = request.event.routeKey;
  return typeof key === 'string' && key.length > 0 ? key : 'unknown';
}

/**
 * Registered first in the chain, so its `before` runs first and its `after`/`onError` run
 * last, when problemErrors has already turned any error into the final response. Writes one
 * `Invocation` line per invocation that is also its EMF metrics blob (with LOG_LEVEL above
 * INFO, the EMF members alone). `before` is synchronous on purpose: the async context it
 * binds must be the one the rest of the middy request runs in.
 */
export function observeInvocation(): ApiMiddleware {
  const config = getObservabilityConfig();
  const writer = observabilityWriter();
  const invocations = new WeakMap<ApiRequest, Invocation>();

  /** The line's text (the log entry and its EMF blob in one), or undefined when neither is on. */
  const render = (summary: InvocationSummary, timestamp: number): string | undefined => {
    if (!writer.enabled('INFO')) {
      return config.metricsEnabled
        ? writer.formatRaw(invocationEmf(config, summary, timestamp))
        : undefined;
    }
    if (!config.metricsEnabled) return writer.format('INFO', 'Invocation', { ...summary });
    const emf = invocationEmfParts(config, summary, timestamp);
    return writer.format('INFO', 'Invocation', { ...summary, ...emf.members }, emf.awsJson);
  };

  // Summaries of the invocations that answered in this turn of the event loop. Lambda runs
  // one invocation at a time (one line, one write); a process serving several at once (a local
  // server, the bench's adapter) writes all of a turn's lines with one write.
  let pending: InvocationSummary[] = [];
  const writePending = (): void => {
    const summaries = pending;
    pending = [];
    const timestamp = Date.now();
    let text = '';
    for (const summary of summaries) {
      try {
        text += render(summary, timestamp) ?? '';
      } catch (error) {
        // Observability never changes the answer: a failed line is reported, not thrown.
        logger.warn('Invocation line not written', describeError(error));
      }
    }
    try {
      if (text !== '') writer.writeFormatted(text);
    } catch (error) {
      logger.warn('Invocation line not written', describeError(error));
    }
  };

  const finish = (request: ApiRequest): void => {
    const invocation = invocations.get(request);
    if (!invocation) return;
    invocations.delete(request);
    endInvocation(invocation);
    const status = request.response?.statusCode ?? (request.error ? 500 : 200);
    // The figures are taken now; the line (its JSON and the stdout write) is written just after
    // the answer is handed back. The Lambda runtime posts the answer synchronously when the
    // handler's promise settles and asks for the next event from a setImmediate queued after
    // this one, so the line is out before the container can be frozen (bench/README.md).
    pending.push(summarize(invocation, status, performance.now()));
    if (pending.length === 1) setImmediate(writePending);
  };

  return {
    before: (request) => {
      const invocation = createInvocation({
        requestId: request.context.awsRequestId,
        route: routeOf(request),
        cold: started === 0,
        startedAt: performance.now(),
        slowOperationMs: config.slowOperationMs,
      });
      started += 1;
      invocations.set(request, invocation);
      beginInvocation(invocation);
    },
    after: finish,
    onError: finish,
  };
}
