import { MongoServerSelectionError } from 'mongodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseObservabilityConfig } from '#lib/config/observability.ts';
import { createObservabilityLogger } from '#lib/observability/index.ts';
import { captureOutput } from '#test/integration/observability/support/capture.ts';

afterEach(() => vi.restoreAllMocks());

const config = (env: Record<string, string> = {}) =>
  parseObservabilityConfig({ SERVICE_NAME: 'log-test', ...env });

describe('observability logger (Powertools)', () => {
  it('writes one JSON line on stdout with the service and the fields', () => {
    const out = captureOutput();
    createObservabilityLogger(config()).info('Invocation', { status: 200, db: { count: 1 } });
    const records = out.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: 'INFO',
      message: 'Invocation',
      service: 'log-test',
      status: 200,
      db: { count: 1 },
      timestamp: expect.any(String),
    });
  });

  it('redacts connection strings and user:password pairs in any string field', () => {
    const out = captureOutput();
    createObservabilityLogger(config()).warn('connect', {
      uri: 'mongodb+srv://app:pa55word@cluster0.example.net/db',
      nested: { note: 'auth app:pa55word@host failed' },
    });
    expect(out.text()).not.toContain('pa55word');
    expect(out.records()[0]).toMatchObject({ uri: 'mongodb://<redacted>' });
  });

  it('reduces an Error to name, code and redacted message: no stack', () => {
    const out = captureOutput();
    const error = new MongoServerSelectionError('no server at mongodb://app:pa55word@h:1', {
      servers: new Map(),
    } as never);
    createObservabilityLogger(config()).error('failed', { error });
    const text = out.text();
    expect(text).not.toContain('pa55word');
    expect(text).not.toContain('stack');
    expect(text).not.toMatch(/\bat .*\.js:\d+/);
    expect(out.records()[0]).toMatchObject({
      error: { errorName: 'MongoServerSelectionError', errorMessage: expect.any(String) },
    });
  });

  it('honours LOG_LEVEL', () => {
    const out = captureOutput();
    const logger = createObservabilityLogger(config({ LOG_LEVEL: 'WARN' }));
    logger.info('hidden');
    logger.warn('shown');
    expect(out.records().map((r) => r.message)).toEqual(['shown']);
  });
});
