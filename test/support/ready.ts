/** A fixture value set by a beforeAll hook; reading it earlier is a test-authoring mistake. */
export function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is read before beforeAll`);
  return value;
}
