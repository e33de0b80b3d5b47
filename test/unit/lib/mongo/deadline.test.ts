import { describe, expect, it, vi } from 'vitest';
import {
  DatabaseTimeoutError,
  msLeft,
  raceBudget,
  releaseBudget,
  timeBudget,
  withDeadline,
} from '#lib/mongo/index.ts';

describe('time budget', () => {
  it('keeps a safety margin from the Lambda remaining time', () => {
    expect(timeBudget(3_000, 500).ms).toBe(2_500);
    expect(timeBudget(100, 500).ms).toBe(1);
  });

  it('counts down', async () => {
    const budget = timeBudget(1_000, 0);
    await new Promise((r) => setTimeout(r, 30));
    expect(msLeft(budget)).toBeLessThan(1_000);
    expect(msLeft(budget)).toBeGreaterThan(0);
  });

  it('resolves work that finishes in time', async () => {
    await expect(withDeadline(timeBudget(1_000, 0), async () => 'done')).resolves.toBe('done');
  });

  it('rejects with DatabaseTimeoutError when the work stalls', async () => {
    const stalled = () => new Promise<never>(() => {});
    const started = Date.now();
    await expect(withDeadline(timeBudget(80, 0), stalled)).rejects.toBeInstanceOf(
      DatabaseTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('passes through the work error', async () => {
    const boom = new Error('boom');
    await expect(withDeadline(timeBudget(1_000, 0), () => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('arms one timer per budget, however many operations race it', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const budget = timeBudget(1_000, 0);
    await withDeadline(budget, async () => 1);
    await withDeadline(budget, async () => 2);
    await withDeadline(budget, async () => 3);
    expect(timers).toHaveBeenCalledTimes(1);
    timers.mockRestore();
    releaseBudget(budget);
  });

  it('still times out an operation started after an earlier one on the same budget', async () => {
    const budget = timeBudget(80, 0);
    await withDeadline(budget, async () => 'first');
    await expect(withDeadline(budget, () => new Promise<never>(() => {}))).rejects.toBeInstanceOf(
      DatabaseTimeoutError,
    );
  });

  it('clears the timer when the budget is released', async () => {
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    const budget = timeBudget(1_000, 0);
    await withDeadline(budget, async () => 'done');
    releaseBudget(budget);
    expect(cleared).toHaveBeenCalledTimes(1);
    releaseBudget(budget);
    expect(cleared).toHaveBeenCalledTimes(1);
    cleared.mockRestore();
  });

  describe('raceBudget (a whole route against the same budget)', () => {
    const tooSlow = () => new Error('route too slow');
    const stalled = () => new Promise<never>(() => {});

    it('answers with the route when it finishes first', async () => {
      const budget = timeBudget(1_000, 0);
      await expect(raceBudget(budget, Promise.resolve('done'), tooSlow)).resolves.toBe('done');
      releaseBudget(budget);
    });

    it("rejects with the route's error when the budget runs out and no database work is in flight", async () => {
      const budget = timeBudget(60, 0);
      await expect(raceBudget(budget, stalled(), tooSlow)).rejects.toThrow('route too slow');
    });

    it('rejects with DatabaseTimeoutError when a database operation is in flight at the deadline', async () => {
      const budget = timeBudget(60, 0);
      const route = withDeadline(budget, stalled);
      route.catch(() => {});
      await expect(raceBudget(budget, route, tooSlow)).rejects.toBeInstanceOf(DatabaseTimeoutError);
    });
  });
});
