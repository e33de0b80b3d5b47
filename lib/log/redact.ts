/**
 * Connection strings (and so their passwords) must never reach a log line or a response.
 * Driver messages can quote the URI or `user:password@host`, so every logged string passes here.
 */
const URI_PATTERN = /mongodb(?:\+srv)?:\/\/[^\s"'`]+/gi;
const USERINFO_PATTERN = /[^\s/:@"'`]+:[^\s/@"'`]+@/g;

export function redact(text: string): string {
  return text.replace(URI_PATTERN, 'mongodb://<redacted>').replace(USERINFO_PATTERN, '<redacted>@');
}
