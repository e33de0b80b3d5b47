import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '#lib/http/index.ts';
import { ApiError, problemErrors, problemResponse } from '#lib/http/index.ts';

const event = { rawPath: '/users/abc' } as ApiEvent;

function body(result: { body?: string }): Record<string, unknown> {
  return JSON.parse(result.body ?? 'null') as Record<string, unknown>;
}

describe('problem+json answers (RFC 9457)', () => {
  it('has type, title, status, detail and instance', () => {
    const result = problemResponse(
      new ApiError(404, 'No user with id x', { type: 'not-found' }),
      event,
    );
    expect(result.statusCode).toBe(404);
    expect(result.headers).toEqual({ 'Content-Type': 'application/problem+json' });
    expect(body(result)).toEqual({
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No user with id x',
      instance: '/users/abc',
    });
  });

  it('lists field errors as pointers', () => {
    const errors = [{ pointer: '/body/name', detail: 'must not be empty' }];
    const result = problemResponse(
      new ApiError(422, 'The request failed validation', { errors }),
      event,
    );
    expect(body(result).errors).toEqual(errors);
  });

  it('keeps extra headers such as Retry-After', () => {
    const error = new ApiError(503, 'down', { headers: { 'Retry-After': '5' }, expose: true });
    expect(problemResponse(error, event).headers).toEqual({
      'Retry-After': '5',
      'Content-Type': 'application/problem+json',
    });
  });

  it('says only "Internal Server Error" for a 500', () => {
    const result = problemResponse(new ApiError(500, 'db password is hunter2'), event);
    expect(body(result)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Internal Server Error',
      instance: '/users/abc',
    });
  });
});

describe('problemErrors middleware', () => {
  it('answers an unknown error with an opaque 500 and logs it without secrets or stack', async () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      const request = {
        event,
        context: { awsRequestId: 'req-1' },
        error: new Error('cannot reach mongodb://app:s3cr3t@db.example.net'),
        response: undefined,
        internal: {},
      };
      await problemErrors().onError?.(request as never);
      expect(request.response).toMatchObject({ statusCode: 500 });
      const answer = JSON.stringify(request.response);
      expect(answer).not.toContain('s3cr3t');
      expect(answer).not.toContain('mongodb://');
      expect(answer).not.toContain('at ');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('"status":500');
      expect(lines[0]).toContain('req-1');
      expect(lines[0]).not.toContain('s3cr3t');
      expect(lines[0]).not.toContain('    at ');
    } finally {
      console.error = original;
    }
  });
});
