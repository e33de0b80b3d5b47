import { vi } from 'vitest';

/**
 * Captures everything the code under test prints: console methods and direct writes to
 * stdout/stderr (Powertools' logger and metrics write through their own Console). Restored by
 * vi.restoreAllMocks().
 */
export function captureOutput(): { readonly text: () => string } {
  const chunks: string[] = [];
  const keep = (...args: unknown[]) => {
    chunks.push(args.map((a) => (typeof a === 'string' ? a : String(a))).join(' '));
  };
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation(keep);
  }
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      return true;
    });
  }
  return { text: () => chunks.join('\n') };
}
