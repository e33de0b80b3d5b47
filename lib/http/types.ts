import type { MiddlewareObj, Request } from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Db } from 'mongodb';
import type { TimeBudget } from '#lib/mongo/deadline.ts';

/** What the chain's middlewares hand to the route: validated input and the database. */
export interface RouteState {
  params: unknown;
  query: unknown;
  body: unknown;
  db?: Db;
  budget?: TimeBudget;
  /** Who called, once lib/auth checked the token (absent on public routes). */
  principal?: { readonly subject: string | undefined; readonly scopes: readonly string[] };
}

/** The Lambda context, extended by the chain with the route state. */
export interface ApiContext extends Context {
  api?: RouteState;
}

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type ApiRequest = Request<ApiEvent, ApiResult, Error, ApiContext, Record<string, unknown>>;
export type ApiMiddleware = MiddlewareObj<
  ApiEvent,
  ApiResult,
  Error,
  ApiContext,
  Record<string, unknown>
>;

/** Shared accessor: the route state, created on first use by whichever middleware runs first. */
export function routeState(request: { context: ApiContext }): RouteState {
  request.context.api ??= { params: {}, query: {}, body: undefined };
  return request.context.api;
}
