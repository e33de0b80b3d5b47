import { redactConnectionString } from 'mongodb-connection-string-url';

/**
 * The connection string with credentials masked (`<credentials>@host`), for printing. The library
 * falls back to pattern-based masking for strings it cannot parse, so it never echoes a password.
 */
export function describeUri(uri: string): string {
  return redactConnectionString(uri);
}
