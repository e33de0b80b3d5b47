/**
 * Connection strings (and so their passwords) must never reach a log line or a response.
 * Driver messages can quote the URI or `user:password@host`, so every logged string passes here.
 */
const URI_PATTERN = /mongodb(?:\+srv)?:\/\/[^\s"'`]+/gi;
const USERINFO_PATTERN = /[^\s/:@"'`]+:[^\s/@"'`]+@/g;

/**
 * Both patterns need an `@` or `://` (a URI, whatever the case of its scheme); most lines have
 * neither, so the scan is skipped. Plain string searches: a regexp test of a ~800-character
 * invocation line cost ~32k instructions per warm invocation (V8 kept re-running it in its
 * regexp interpreter), and a lower-cased copy of the line to look for "mongodb" allocated a
 * second line every time (bench/README.md).
 */
function mayHoldSecret(text: string): boolean {
  return text.includes('@') || text.includes('://');
}

export function redact(text: string): string {
  if (!mayHoldSecret(text)) return text;
  return text.replace(URI_PATTERN, 'mongodb://<redacted>').replace(USERINFO_PATTERN, '<redacted>@');
}
