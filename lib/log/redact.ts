/**
 * Connection strings (and so their passwords) must never reach a log line or a response.
 * Driver messages can quote the URI or `user:password@host`, so every logged string passes here.
 */
const URI_PATTERN = /mongodb(?:\+srv)?:\/\/[^\s"'`]+/gi;
const USERINFO_PATTERN = /[^\s/:@"'`]+:[^\s/@"'`]+@/g;
/** Both patterns need one of these; most lines have neither, so the scan is skipped. */
const MAY_HOLD_SECRET = /@|mongodb/i;

export function redact(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return text.replace(URI_PATTERN, 'mongodb://<redacted>').replace(USERINFO_PATTERN, '<redacted>@');
}
