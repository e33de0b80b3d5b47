/**
 * serverless-offline (v14) answers a failed or timed-out Lambda on an HTTP API (payload 2.0)
 * route with 200 and `{errorMessage, errorType, stackTrace}`: it computes 502/504, then wraps
 * the error object as if the handler had returned a plain object. API Gateway answers 5xx.
 * Returns the status API Gateway would give (504 for its "[504] - Lambda timeout."), or
 * undefined for a real answer of the handler.
 */
export function offlineLambdaFailure(status: number, body: unknown): number | undefined {
  if (status !== 200 || typeof body !== 'object' || body === null) return undefined;
  if (!('errorType' in body) || !('errorMessage' in body)) return undefined;
  return /\[504\]/.test(String(body.errorMessage)) ? 504 : 502;
}
