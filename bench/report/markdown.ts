/** A GitHub-flavoured Markdown table of rows (columns in the order of the first row's keys). */
export function markdownTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): string {
  const first = rows[0];
  if (!first) return '_(no rows)_';
  const keys = columns ?? Object.keys(first);
  const cell = (v: unknown) =>
    typeof v === 'number' ? (Number.isNaN(v) ? '–' : v.toLocaleString('en-US')) : String(v ?? '');
  return [
    `| ${keys.join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${keys.map((k) => cell(row[k])).join(' | ')} |`),
  ].join('\n');
}

export function goal(met: boolean): string {
  return met ? 'met' : 'MISSED';
}
