import { STATUS_CODES } from 'node:http';
import { HttpError } from '@middy/util';

/** One failing field of a request, located by an RFC 6901 JSON pointer into the request. */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
}

export interface ApiErrorOptions extends ErrorOptions {
  /** Problem type slug, e.g. 'invalid-id' (see problem.ts). */
  readonly type?: string;
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly expose?: boolean;
}

/**
 * An error a handler throws to answer with a given status: middy's HttpError (statusCode,
 * expose) plus what the problem+json answer needs. `message` is the client-facing detail,
 * so it must never carry driver messages or secrets.
 */
// middy's typings declare HttpError without its (code, message, options) constructor.
const MiddyHttpError = HttpError as unknown as new (
  code: number,
  message: string,
  options?: ErrorOptions & { expose?: boolean },
) => HttpError;

export class ApiError extends MiddyHttpError {
  readonly type: string;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, detail: string, options: ApiErrorOptions = {}) {
    super(statusCode, detail, options);
    this.expose = options.expose ?? statusCode < 500;
    this.type = options.type ?? 'about:blank';
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  get title(): string {
    return STATUS_CODES[this.statusCode] ?? 'Error';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
