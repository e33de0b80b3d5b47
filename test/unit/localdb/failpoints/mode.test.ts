import { describe, expect, it } from 'vitest';
import { CommandError } from '#localdb/errors.ts';
import { FailPoint, parseMode } from '#localdb/failpoints/mode.ts';

/** Fires the point for each candidate and says which fired. */
function run(point: FailPoint<string>, candidates: boolean[]): boolean[] {
  return candidates.map((match) => point.fire(() => match) !== undefined);
}

describe('parseMode', () => {
  it('reads the string modes and the one-key object modes', () => {
    expect(parseMode('off')).toEqual({ kind: 'off' });
    expect(parseMode('alwaysOn')).toEqual({ kind: 'alwaysOn' });
    expect(parseMode({ times: 3 })).toEqual({ kind: 'times', n: 3 });
    expect(parseMode({ skip: 0 })).toEqual({ kind: 'skip', n: 0 });
    expect(parseMode({ activationProbability: 0.5 })).toEqual({
      kind: 'activationProbability',
      p: 0.5,
    });
  });

  it.each([
    ['an unknown string', 'sometimes'],
    ['a number', 1],
    ['two keys', { times: 1, skip: 1 }],
    ['an unknown key', { often: 1 }],
    ['a negative count', { times: -1 }],
    ['a fractional count', { skip: 1.5 }],
    ['a probability above 1', { activationProbability: 1.5 }],
  ])('refuses %s with BadValue', (_what, mode) => {
    expect(() => parseMode(mode)).toThrow(CommandError);
    expect(() => parseMode(mode)).toThrow(expect.objectContaining({ code: 2 }));
  });
});

describe('FailPoint', () => {
  it('fires nothing until configured', () => {
    const point = new FailPoint<string>();
    expect(point.isOn).toBe(false);
    expect(run(point, [true, true])).toEqual([false, false]);
  });

  it('times: fires n times, then turns itself off', () => {
    const point = new FailPoint<string>();
    point.configure(parseMode({ times: 2 }), 'data');
    expect(point.fire(() => true)).toBe('data');
    expect(run(point, [true, true])).toEqual([true, false]);
    expect(point.isOn).toBe(false);
  });

  it('times: 0 is off at once', () => {
    const point = new FailPoint<string>();
    point.configure(parseMode({ times: 0 }), 'data');
    expect(point.isOn).toBe(false);
  });

  it('skip: lets n through, then fires every time', () => {
    const point = new FailPoint<string>();
    point.configure(parseMode({ skip: 2 }), 'data');
    expect(run(point, [true, true, true, true])).toEqual([false, false, true, true]);
  });

  it('checks the predicate before the mode: rejected candidates use up neither times nor skip', () => {
    const times = new FailPoint<string>();
    times.configure(parseMode({ times: 1 }), 'data');
    expect(run(times, [false, false, true, true])).toEqual([false, false, true, false]);
    const skip = new FailPoint<string>();
    skip.configure(parseMode({ skip: 1 }), 'data');
    expect(run(skip, [false, true, false, true])).toEqual([false, false, false, true]);
  });

  it('counts the times entered across configurations and answers the count before each', () => {
    const point = new FailPoint<string>();
    expect(point.configure(parseMode('alwaysOn'), 'a')).toBe(0);
    run(point, [true, false, true]);
    expect(point.configure(parseMode({ skip: 1 }), 'b')).toBe(2);
    run(point, [true, true]);
    expect(point.configure(parseMode('off'), 'c')).toBe(3);
    expect(point.timesEntered).toBe(3);
  });

  it('activationProbability 0 never fires, 1 always does', () => {
    const point = new FailPoint<string>();
    point.configure(parseMode({ activationProbability: 0 }), 'data');
    expect(run(point, [true, true, true])).toEqual([false, false, false]);
    point.configure(parseMode({ activationProbability: 1 }), 'data');
    expect(run(point, [true, true, true])).toEqual([true, true, true]);
  });
});
