import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Registers hooks that silence console.log/error/warn for each test and keep what was written,
 * one string per call, so tests can check the logs (e.g. that no secret leaks).
 */
export function captureConsole(): readonly string[] {
  const logged: string[] = [];
  beforeEach(() => {
    logged.length = 0;
    const capture = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    vi.spyOn(console, 'log').mockImplementation(capture);
    vi.spyOn(console, 'error').mockImplementation(capture);
    vi.spyOn(console, 'warn').mockImplementation(capture);
  });
  afterEach(() => vi.restoreAllMocks());
  return logged;
}
