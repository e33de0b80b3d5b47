import { writeSync } from 'node:fs';

/**
 * The file descriptor a bench child writes its JSON result to (runJsonChild opens it as a pipe):
 * stdout stays the function's own, for its log lines, which the bench discards as the Lambda
 * platform would take them.
 */
export const RESULT_FD = 3;

/** Writes the child's result: one JSON document on the result descriptor. */
export function reportResult(value: unknown): void {
  writeSync(RESULT_FD, `${JSON.stringify(value)}\n`);
}
