import { MongoServerSelectionError } from 'mongodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError, logger, redact } from '#lib/log/index.ts';

describe('redact', () => {
  it.each([
    'mongodb://app:s3cr3t@db.example.net:27017/app?authSource=admin',
    'mongodb+srv://app:s3cr3t@cluster0.abcde.mongodb.net/?retryWrites=true',
    'failed to auth app:s3cr3t@db.example.net',
  ])('masks %s', (text) => {
    const out = redact(`before ${text} after`);
    expect(out).not.toContain('s3cr3t');
    expect(out).toMatch(/^before .*<redacted>.* after$/);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('user 42 created at 10:30')).toBe('user 42 created at 10:30');
    expect(redact('{"route":"GET /users/{id}","status":200}')).toBe(
      '{"route":"GET /users/{id}","status":200}',
    );
  });

  it('masks whatever the case of the scheme', () => {
    expect(redact('MONGODB://app:s3cr3t@h/x')).not.toContain('s3cr3t');
  });
});

describe('logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON line with every string field redacted', () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    logger.info('connecting', { uri: 'mongodb://a:pw@h', nested: { msg: 'x a:pw@h' } });
    const line = String(spy.mock.calls[0]?.[0]);
    expect(JSON.parse(line)).toMatchObject({ level: 'info', message: 'connecting' });
    expect(line).not.toContain('pw');
  });

  it('describes driver errors by name, code and redacted message, without a stack', () => {
    const error = new Error('wrapped', {
      cause: new MongoServerSelectionError('no server mongodb://a:pw@h', {
        servers: new Map(),
      } as never),
    });
    const fields = describeError(error);
    expect(fields).toMatchObject({
      errorName: 'Error',
      cause: { errorName: 'MongoServerSelectionError' },
    });
    expect(JSON.stringify(fields)).not.toContain('pw');
    expect(JSON.stringify(fields)).not.toContain('    at ');
  });
});
