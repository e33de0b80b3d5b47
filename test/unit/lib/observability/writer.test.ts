import { describe, expect, it } from 'vitest';
import { parseObservabilityConfig } from '#lib/config/observability.ts';
import { createLineWriter } from '#lib/observability/index.ts';

function writer(env: Record<string, string> = {}) {
  const lines: string[] = [];
  const config = parseObservabilityConfig({ SERVICE_NAME: 'line-test', ...env });
  return { lines, writer: createLineWriter(config, (text) => lines.push(text)) };
}

describe('line writer', () => {
  it('writes one newline-terminated JSON object with level, message, timestamp, service', () => {
    const { lines, writer: w } = writer();
    w.write('INFO', 'Invocation', { status: 200, db: { count: 1 } });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('}\n')).toBe(true);
    expect(lines[0]?.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'INFO',
      message: 'Invocation',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'line-test',
      status: 200,
      db: { count: 1 },
    });
  });

  it('redacts connection strings and user:password pairs anywhere in the line', () => {
    const { lines, writer: w } = writer();
    w.write('WARN', 'connect', {
      uri: 'mongodb+srv://app:pa55word@cluster0.example.net/db',
      nested: { note: 'auth app:pa55word@host failed' },
    });
    expect(lines.join('')).not.toContain('pa55word');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ uri: 'mongodb://<redacted>' });
  });

  it('reduces an Error to its name and redacted message: no stack', () => {
    const { lines, writer: w } = writer();
    w.write('ERROR', 'failed', { error: new TypeError('bad mongodb://app:pa55word@h:1') });
    const text = lines.join('');
    expect(text).not.toContain('pa55word');
    expect(text).not.toMatch(/stack|\bat .*:\d+:\d+/);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ error: { errorName: 'TypeError' } });
  });

  it('honours LOG_LEVEL; writeRaw (EMF) ignores it', () => {
    const { lines, writer: w } = writer({ LOG_LEVEL: 'warn' });
    expect(w.enabled('INFO')).toBe(false);
    expect(w.enabled('ERROR')).toBe(true);
    w.write('INFO', 'hidden', {});
    w.write('WARN', 'shown', {});
    w.writeRaw({ Latency: 1 });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ message: 'shown' }),
      { Latency: 1 },
    ]);
  });

  it('SILENT writes no log line', () => {
    const { lines, writer: w } = writer({ LOG_LEVEL: 'SILENT' });
    w.write('ERROR', 'hidden', {});
    expect(lines).toEqual([]);
  });

  it('appends pre-serialised members inside the same object, and redacts them too', () => {
    const { lines, writer: w } = writer();
    w.write(
      'INFO',
      'Invocation',
      { status: 200 },
      '"_aws":{"Timestamp":1},"note":"mongodb://a:pa55word@h"',
    );
    expect(lines[0]?.endsWith('}\n')).toBe(true);
    expect(lines[0]).not.toContain('pa55word');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ status: 200, _aws: { Timestamp: 1 } });
  });
});
