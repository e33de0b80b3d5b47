/**
 * Rewrites test/spec/known-failures.json from the JSON summaries of a localdb run:
 *   SPEC_SUMMARY_DIR=/tmp/spec-summary npx vitest run test/spec
 *   npx node test/spec/tools/update-known-failures.ts /tmp/spec-summary
 * Every failing test (listed or not) is listed; tests that now pass are dropped. A reason already
 * written by hand is kept; new entries get the failure's first line.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { TestRecord } from '../runner/summary.ts';

const MAX_REASON = 200;
const KNOWN_FAILURES = new URL('../known-failures.json', import.meta.url);

type Listing = Record<string, Record<string, string>>;

/** Known causes, recognised from the failure's first line, named ahead of the raw symptom. */
const CAUSES: readonly [RegExp, (match: RegExpMatchArray) => string][] = [
  [/no such command: '(\w+)'/, (m) => `localdb has no ${m[1]} command (no transactions)`],
  [
    /Unrecognized pipeline stage name: '(\$\w+)'/,
    (m) => `localdb lacks the ${m[1]} aggregation stage`,
  ],
  [
    /Server selection timed out/,
    () => 'readPreference secondary: localdb is a one-member replica set (no secondary)',
  ],
  [
    /^outcome .*expected \d+ elements, got/,
    () => 'writes of an aborted transaction stay applied (no transactions)',
  ],
  [
    /E11000 duplicate key error/,
    () => 'previous transaction writes not rolled back (no transactions)',
  ],
  [
    /index should not exist/,
    () => 'createIndex in an aborted transaction stays applied (no transactions)',
  ],
  [
    /collection should not exist/,
    () => 'create in an aborted transaction stays applied (no transactions)',
  ],
];

function reasonFor(detail: string): string {
  for (const [pattern, cause] of CAUSES) {
    const match = detail.match(pattern);
    if (match) return `${cause(match)} — ${detail}`.slice(0, MAX_REASON);
  }
  return detail.slice(0, MAX_REASON);
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: update-known-failures.ts <SPEC_SUMMARY_DIR>');

const current = JSON.parse(readFileSync(KNOWN_FAILURES, 'utf8')) as { localdb?: Listing };
const previous: Listing = current.localdb ?? {};
const next: Listing = {};

for (const summaryFile of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
  const folder = summaryFile.slice(0, -'.json'.length).replaceAll('_', '/');
  const records = JSON.parse(readFileSync(`${dir}/${summaryFile}`, 'utf8')) as TestRecord[];
  for (const record of records) {
    if (record.status !== 'failed' && record.status !== 'known failure') continue;
    const key = `${folder}/${record.file}`;
    const reason = previous[key]?.[record.test] ?? reasonFor(record.detail ?? 'fails');
    next[key] ??= {};
    next[key][record.test] = reason;
  }
}

const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(KNOWN_FAILURES, `${JSON.stringify({ localdb: sorted }, null, 2)}\n`);
const count = Object.values(sorted).reduce((n, tests) => n + Object.keys(tests).length, 0);
console.log(`known-failures.json: ${count} tests in ${Object.keys(sorted).length} files`);
