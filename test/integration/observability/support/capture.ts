import { vi } from 'vitest';

/** Everything written during a test: stdout/stderr (lib/observability) and console (lib/log). */
export interface Captured {
  /** The raw text, for "never contains" checks. */
  text(): string;
  /** Every line that parses as a JSON object. */
  records(): Record<string, unknown>[];
  /** JSON lines with this message. */
  logs(message: string): Record<string, unknown>[];
  /** EMF blobs (lines with `_aws.CloudWatchMetrics`). */
  metrics(): Record<string, unknown>[];
}

export function captureOutput(): Captured {
  const chunks: string[] = [];
  const keep = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      chunks.push(`${args.map(String).join(' ')}\n`);
    });
  }
  const text = () => chunks.join('');
  const records = () =>
    text()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    text,
    records,
    logs: (message) => records().filter((r) => r.message === message),
    metrics: () => records().filter((r) => typeof r._aws === 'object'),
  };
}
