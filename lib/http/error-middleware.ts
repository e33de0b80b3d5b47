import { describeError, logger } from '#lib/log/index.ts';
import { ApiError } from './errors.ts';
import { mapMongoError } from './mongo-error-mapping.ts';
import { buildProblem, PROBLEM_CONTENT_TYPE } from './problem.ts';
import type { ApiEvent, ApiMiddleware, ApiResult } from './types.ts';

/** Any thrown value → the ApiError to answer with (unknown errors become an opaque 500). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const mapped = mapMongoError(error);
  if (mapped) return mapped;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const expose = (error as { expose?: unknown } | null)?.expose === true;
  if (typeof status === 'number' && status >= 400 && status < 600) {
    // middy/http-errors style errors: their message is client-safe only when `expose` is set.
    return new ApiError(status, expose && error instanceof Error ? error.message : '', {
      expose,
      cause: error,
    });
  }
  return new ApiError(500, '', { expose: false, cause: error });
}

/**
 * The problem+json response for an error; non-exposed errors say only their status phrase. A
 * 500 tells nothing of its cause, so its `requestId` (the invocation's, as on its log lines) is
 * what lets the caller's report be matched to the logged error.
 */
export function problemResponse(
  error: ApiError,
  event: Pick<ApiEvent, 'rawPath'>,
  requestId?: string,
): ApiResult {
  const problem = buildProblem({
    status: error.statusCode,
    type: error.type,
    detail: error.expose && error.message ? error.message : undefined,
    instance: event.rawPath ?? '/',
    errors: error.expose ? error.errors : undefined,
    requestId,
  });
  return {
    statusCode: problem.status,
    headers: { ...error.headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(problem),
  };
}

/** The one error boundary of every handler: RFC 9457 answers, secrets-free logs. */
export function problemErrors(): ApiMiddleware {
  return {
    onError: (request) => {
      const error = toApiError(request.error);
      const fields = {
        status: error.statusCode,
        path: request.event.rawPath,
        requestId: request.context.awsRequestId,
        ...describeError(error.cause ?? error),
      };
      if (error.statusCode >= 500) logger.error('Request failed', fields);
      else logger.info('Request rejected', fields);
      request.response = problemResponse(error, request.event, request.context.awsRequestId);
    },
  };
}
