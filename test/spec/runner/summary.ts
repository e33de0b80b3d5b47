import { mkdirSync, writeFileSync } from 'node:fs';

export const TestStatus = Object.freeze({
  passed: 'passed',
  failed: 'failed',
  knownFailure: 'known failure',
  fixed: 'known failure now passing',
  skipped: 'skipped',
} as const);

export type TestStatusName = (typeof TestStatus)[keyof typeof TestStatus];

export interface TestRecord {
  readonly file: string;
  readonly test: string;
  readonly status: TestStatusName;
  /** Skip reason, or the first line of the failure. */
  readonly detail?: string;
}

function countBy(
  records: readonly TestRecord[],
  key: (r: TestRecord) => string,
): [string, number][] {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(key(record), (counts.get(key(record)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** Per-folder results, printed at the end of the folder's test file. */
export class FolderSummary {
  readonly #records: TestRecord[] = [];

  readonly folder: string;
  readonly fileCount: number;

  constructor(folder: string, fileCount: number) {
    this.folder = folder;
    this.fileCount = fileCount;
  }

  record(record: TestRecord): void {
    this.#records.push(record);
  }

  format(): string {
    const of = (...statuses: TestStatusName[]) =>
      this.#records.filter((r) => statuses.includes(r.status));
    const passed = of(TestStatus.passed, TestStatus.fixed).length;
    const failed = of(TestStatus.failed, TestStatus.knownFailure).length;
    const skipped = of(TestStatus.skipped);
    const applicable = passed + failed;
    const rate = applicable === 0 ? 'n/a' : `${((100 * passed) / applicable).toFixed(1)}%`;
    const lines = [
      `[spec ${this.folder}] ${this.fileCount} files, ${this.#records.length} tests: ${passed} passed, ` +
        `${failed} failed (${of(TestStatus.knownFailure).length} known), ${skipped.length} skipped`,
      `  applicable pass rate: ${passed}/${applicable} = ${rate}`,
    ];
    if (skipped.length > 0) lines.push('  skipped, by reason:');
    for (const [reason, count] of countBy(skipped, (r) => r.detail ?? ''))
      lines.push(`    ${String(count).padStart(4)}  ${reason}`);
    const fixed = of(TestStatus.fixed);
    if (fixed.length > 0)
      lines.push('  known failures now passing (remove from known-failures.json):');
    for (const record of fixed) lines.push(`    ${record.file} › ${record.test}`);
    const failures = of(TestStatus.failed, TestStatus.knownFailure);
    if (failures.length > 0) lines.push('  failed, by first error line:');
    for (const [detail, count] of countBy(failures, (r) => r.detail ?? '')) {
      lines.push(`    ${String(count).padStart(4)}  ${detail}`);
      for (const record of failures.filter((r) => (r.detail ?? '') === detail)) {
        const known = record.status === TestStatus.knownFailure ? ' (known)' : '';
        lines.push(`            ${record.file} › ${record.test}${known}`);
      }
    }
    return lines.join('\n');
  }

  /** With SPEC_SUMMARY_DIR set, also writes the records as JSON (for reports). */
  write(): void {
    const dir = process.env.SPEC_SUMMARY_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      `${dir}/${this.folder.replaceAll('/', '_')}.json`,
      JSON.stringify(this.#records, null, 2),
    );
  }
}
