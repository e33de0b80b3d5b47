import { STATUS_CODES } from 'node:http';
import type { FieldError } from './errors.ts';

/** RFC 9457 problem details. `type` is a relative URI under /problems/ (or about:blank). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly errors?: readonly FieldError[];
  /** The invocation's id, as its log lines carry it: what a caller quotes to find them. */
  readonly requestId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemInput {
  readonly status: number;
  readonly type?: string;
  readonly detail?: string;
  readonly instance: string;
  readonly errors?: readonly FieldError[] | undefined;
  readonly requestId?: string | undefined;
}

export function problemTypeUri(slug: string): string {
  return slug === 'about:blank' ? slug : `/problems/${slug}`;
}

/** Builds the problem document; 5xx answers carry only the status phrase, never internals. */
export function buildProblem(input: ProblemInput): Problem {
  const title = STATUS_CODES[input.status] ?? 'Error';
  return {
    type: problemTypeUri(input.type ?? 'about:blank'),
    title,
    status: input.status,
    detail: input.detail ?? title,
    instance: input.instance,
    ...(input.errors && input.errors.length > 0 ? { errors: input.errors } : {}),
    ...(input.requestId ? { requestId: input.requestId } : {}),
  };
}
