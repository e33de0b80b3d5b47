/**
 * Connection strings (and so their passwords) must never reach a log line or a response.
 * Driver messages can quote the URI or `user:password@host`, so every logged string passes here.
 */
const URI_PATTERN = /mongodb(?:\+srv)?:\/\/[^\s"'`]+/gi;
const USERINFO_PATTERN = /[^\s/:@"'`]+:[^\s/@"'`]+@/g;

/**
 * Both patterns need an `@` or the word mongodb (any case); most lines have neither, so the scan
 * is skipped. String searches, not a regular expression: a regexp test of a ~800-character
 * invocation line cost ~32k instructions per warm invocation (V8 kept re-running it in its
 * regexp interpreter), these a few hundred (bench/README.md).
 */
function mayHoldSecret(text: string): boolean {
  return text.includes('@') || text.toLowerCase().includes('mongodb');
}

export function redact(text: string): string {
  if (!mayHoldSecret(text)) return text;
  return text.replace(URI_PATTERN, 'mongodb://<redacted>').replace(USERINFO_PATTERN, '<redacted>@');
}
