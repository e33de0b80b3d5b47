export { type JsonBodyOptions, jsonBody } from './body-middleware.ts';
export { compression } from './compression.ts';
export { problemErrors, problemResponse, toApiError } from './error-middleware.ts';
export { ApiError, type ApiErrorOptions, type FieldError, isApiError } from './errors.ts';
export {
  type ApiHandler,
  type HandlerOptions,
  httpHandler,
  type RouteInput,
  type RouteSpec,
} from './handler.ts';
export { MongoCode, mapMongoError, RETRY_AFTER_SECONDS } from './mongo-error-mapping.ts';
export { buildProblem, PROBLEM_CONTENT_TYPE, type Problem, problemTypeUri } from './problem.ts';
export { json, noContent, type RouteResponse, toApiResult } from './response.ts';
export type { ResponseDoc, RouteDoc } from './route-doc.ts';
export { serializeBody, toJsonValue } from './serialize.ts';
export type { ApiContext, ApiEvent, ApiMiddleware, ApiResult, RouteState } from './types.ts';
export { type RequestSchemas, toPointer, validateRequest } from './validation-middleware.ts';
