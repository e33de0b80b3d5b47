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
    const reason = previous[key]?.[record.test] ?? (record.detail ?? 'fails').slice(0, MAX_REASON);
    next[key] ??= {};
    next[key][record.test] = reason;
  }
}

const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(KNOWN_FAILURES, `${JSON.stringify({ localdb: sorted }, null, 2)}\n`);
const count = Object.values(sorted).reduce((n, tests) => n + Object.keys(tests).length, 0);
console.log(`known-failures.json: ${count} tests in ${Object.keys(sorted).length} files`);
