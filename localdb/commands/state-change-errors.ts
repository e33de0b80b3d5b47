import type { Document } from 'bson';

/** error_codes.yml's NotPrimaryError and ShutdownError categories (as clients see them). */
const STATE_CHANGE_CODES: ReadonlySet<number> = new Set([
  189, 10107, 11602, 13435, 13436, 91, 11600,
]);

function isStateChange(code: unknown): boolean {
  return code !== undefined && STATE_CHANGE_CODES.has(Number(code));
}

/**
 * Adds the server's topologyVersion to not-primary and shutdown errors, as mongod does. A driver
 * compares it with the one it last saw from hello: not newer means the node did not change state, so
 * it keeps the server selectable and its pool, and simply retries.
 */
export function withTopologyVersion(reply: Document, topologyVersion: Document): Document {
  if (reply.topologyVersion !== undefined) return reply;
  const failed = reply.ok !== 1 && isStateChange(reply.code);
  if (!failed && !isStateChange(reply.writeConcernError?.code)) return reply;
  return { ...reply, topologyVersion };
}
