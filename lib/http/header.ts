/**
 * A request header by its lower-case name. API Gateway's v2 events carry lower-case names; an
 * event built another way (a test, an adapter) may not, so other cases are looked for too.
 */
export function headerOf(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const value = headers[name];
  if (value !== undefined) return value;
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}
