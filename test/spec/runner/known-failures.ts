import { readFileSync } from 'node:fs';

/**
 * test/spec/known-failures.json: `{ localdb: { "<folder>/<file>": { "<test description>": "<reason>" } } }`.
 * Listed tests are expected to fail on localdb (a listed test that passes fails the run, so the
 * list stays current). Against a real MongoDB (MONGODB_URI) nothing is expected to fail.
 */
type KnownFailureFile = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>
>;

const KNOWN_FAILURES = JSON.parse(
  readFileSync(new URL('../known-failures.json', import.meta.url), 'utf8'),
) as KnownFailureFile;

export function knownFailure(
  target: 'localdb' | 'external',
  key: string,
  description: string,
): string | undefined {
  return KNOWN_FAILURES[target]?.[key]?.[description];
}
