import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Db } from 'mongodb';
import type * as z from 'zod/v4/core';
import { type Access, requireAccess } from '#lib/auth/middleware.ts';
import { type Config, getAuthConfig, getConfig } from '#lib/config/index.ts';
import type { idempotent } from '#lib/idempotency/idempotent.ts';
import { raceBudget, releaseBudget, type TimeBudget, timeBudget } from '#lib/mongo/deadline.ts';
import { mongoDatabase } from '#lib/mongo/middleware.ts';
import { uriMiddlewares } from '#lib/mongo/uri-source.ts';
import { observeInvocation } from '#lib/observability/middleware.ts';
import { jsonBody } from './body-middleware.ts';
import type { compression } from './compression.ts';
import { withContentTag } from './content-tag.ts';
import { problemErrors } from './error-middleware.ts';
import { ApiError } from './errors.ts';
import { RETRY_AFTER_SECONDS } from './mongo-error-mapping.ts';
import { type RouteResponse, toApiResult } from './response.ts';
import { restApiEvents } from './rest-api-events.ts';
import type { RouteDoc } from './route-doc.ts';
import type { ApiContext, ApiEvent, ApiResult } from './types.ts';
import { validateRequest } from './validation-middleware.ts';

/** Any zod 4 schema, classic (`zod`) or `zod/mini`. */
type Infer<S> = S extends z.$ZodType ? z.output<S> : undefined;

export interface RouteSpec<P, Q, B> {
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Whether the route needs the database (default true). */
  readonly database?: boolean;
  /** Who may call it (lib/auth); default: `read` for GET routes, `write` for every other. */
  readonly access?: Access;
  /** What the OpenAPI document says about the route (lib/openapi); not used at run time. */
  readonly doc?: RouteDoc;
  /**
   * Takes `Idempotency-Key` (a POST run at most once per key): the handler passes
   * lib/idempotency's `idempotent` as its option, which only those bundles then carry.
   */
  readonly idempotent?: boolean;
}

/**
 * What a handler adds to its spec, each passed in so that only the bundles using it carry it:
 * the key runner of an idempotent route, compressed answers (lib/http/compression.ts).
 */
export interface HandlerOptions {
  readonly idempotency?: typeof idempotent;
  readonly compression?: typeof compression;
}

export interface RouteInput<P, Q, B> {
  readonly params: Infer<P>;
  readonly query: Infer<Q>;
  readonly body: Infer<B>;
  readonly db: Db;
  readonly budget: TimeBudget;
  readonly event: ApiEvent;
  readonly context: ApiContext;
}

export type ApiHandler = MiddyfiedHandler<
  ApiEvent,
  ApiResult,
  Error,
  ApiContext,
  Record<string, unknown>
>;

/** The route outran the invocation's budget with no database operation in flight. */
const tooSlow = () =>
  new ApiError(503, 'The request did not finish in time', {
    type: 'timeout',
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  });

/** Reads are GET; anything else, or a route without a doc, needs the write scope. */
const accessOf = (doc: RouteDoc | undefined): Access => (doc?.method === 'GET' ? 'read' : 'write');

/**
 * The one middy chain every handler uses, in order: REST API events read as HTTP API events,
 * the invocation's log line, problem+json error boundary, access
 * (lib/auth), JSON body and its guard (routes with a body schema), validation, SSM URI (when
 * configured), database. Config is read here, at module init, so a bad environment fails the
 * cold start, not a request.
 */
export function httpHandler<
  P extends z.$ZodType | undefined = undefined,
  Q extends z.$ZodType | undefined = undefined,
  B extends z.$ZodType | undefined = undefined,
>(
  spec: RouteSpec<P, Q, B>,
  route: (input: RouteInput<P, Q, B>) => Promise<RouteResponse>,
  options: HandlerOptions = {},
): ApiHandler {
  const config: Config = getConfig();
  const useDatabase = spec.database ?? true;
  // GET answers are tagged by content unless the route tags them itself (content-tag.ts).
  const reads = spec.doc?.method === 'GET';
  const { idempotency, compression, ...unknown } = options;
  if (Object.keys(unknown).length > 0)
    throw new Error(`unknown httpHandler options: ${Object.keys(unknown).join(', ')}`);
  if ((spec.idempotent ?? false) !== (idempotency !== undefined) || (idempotency && !useDatabase))
    throw new Error(
      'an idempotent route (a database route) and its idempotency option go together',
    );
  const base = async (event: ApiEvent, context: ApiContext): Promise<ApiResult> => {
    const state = context.api ?? { params: {}, query: {}, body: undefined };
    const input = {
      params: state.params,
      query: state.query,
      body: state.body,
      db: state.db as Db,
      budget: state.budget as TimeBudget,
      event,
      context,
    } as RouteInput<P, Q, B>;
    const work = idempotency
      ? idempotency({ ...input, subject: state.principal?.subject }, () => route(input))
      : route(input);
    // The route races the invocation's budget (lib/mongo/deadline.ts): the database routes'
    // (its one timer shared with every operation), or one of its own. This replaces middy's
    // early timeout, whose own timer, AbortController and race cost every warm invocation.
    const own =
      state.budget === undefined && typeof context.getRemainingTimeInMillis === 'function'
        ? timeBudget(context.getRemainingTimeInMillis(), config.timeoutMarginMs)
        : undefined;
    const budget = state.budget ?? own;
    try {
      const result = toApiResult(budget ? await raceBudget(budget, work, tooSlow) : await work);
      return reads ? withContentTag(event, result) : result;
    } finally {
      if (own) releaseBudget(own);
    }
  };
  const handler: ApiHandler = middy<
    ApiEvent,
    ApiResult,
    Error,
    ApiContext,
    Record<string, unknown>
  >(base, { timeoutEarlyInMillis: 0 });
  // A REST API's event (payload 1.0) is read as the HTTP API's (2.0) from here on.
  handler.use(restApiEvents({ corsOrigins: config.corsOrigins }));
  // Its after/onError run last, so they see the final response: one log line + EMF per invocation.
  handler.use(observeInvocation());
  handler.use(problemErrors());
  // Its `after` runs once the route's answer is final; errors (small problem bodies) stay plain.
  if (compression) handler.use(compression());
  handler.use(requireAccess(spec.access ?? accessOf(spec.doc), getAuthConfig()));
  if (spec.body) handler.use(jsonBody({ maxBytes: config.maxBodyBytes }));
  handler.use(
    validateRequest({
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
    }),
  );
  if (useDatabase) {
    for (const middleware of uriMiddlewares(config)) handler.use(middleware);
    handler.use(mongoDatabase(config));
  }
  return handler;
}
