import { describe, expect, it } from 'vitest';
import { redact } from '#lib/log/redact.ts';

describe('redact', () => {
  it('leaves a line without a connection string or credentials as it is', () => {
    const line = '{"message":"Invocation","route":"GET /users/{id}","status":200}';
    expect(redact(line)).toBe(line);
  });

  it.each([
    ['mongodb://app:s3cret@db.example.net:27017/app', 's3cret'],
    ['MongoDB://app:s3cret@db.example.net/app', 's3cret'],
    ['MONGODB+SRV://cluster0.example.mongodb.net/app', 'cluster0'],
    ['connect failed for app:s3cret@db.example.net', 's3cret'],
  ])('removes %s from a message', (secret, part) => {
    const out = redact(`driver said: ${secret} (retrying)`);
    expect(out).not.toContain(part);
    expect(out).toContain('driver said:');
  });
});
