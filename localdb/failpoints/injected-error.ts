import type { Document } from 'bson';
import { codeName } from './code-names.ts';

/**
 * A failure a fail point injects. Unlike CommandError it takes any numeric code (fail points answer
 * with codes localdb never raises itself, e.g. 91 ShutdownInProgress).
 */
export class InjectedError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(code: number, message: string, extra: Document = {}) {
    super(message);
    this.name = 'InjectedError';
    this.code = code;
    this.codeName = codeName(code);
    this.extra = extra;
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

/** Thrown after a fail point closed the connection: the command must not run, and nothing is sent. */
export class ConnectionClosedByFailPoint extends Error {
  constructor(failPoint: string) {
    super(`connection closed by the '${failPoint}' fail point`);
    this.name = 'ConnectionClosedByFailPoint';
  }
}
