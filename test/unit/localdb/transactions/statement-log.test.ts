import { describe, expect, it } from 'vitest';
import { StatementLog } from '#localdb/transactions/statement-log.ts';

describe('StatementLog', () => {
  it('numbers statements by position by default, from stmtId when given, or by stmtIds', () => {
    const outcomes = new Map<number, unknown>();
    expect(new StatementLog(outcomes, {}).stmtId(2)).toBe(2);
    expect(new StatementLog(outcomes, { stmtId: 10 }).stmtId(2)).toBe(12);
    expect(new StatementLog(outcomes, { stmtIds: [5, 9] }).stmtId(1)).toBe(9);
  });

  it('replays what was recorded under the same stmtId, across commands', () => {
    const outcomes = new Map<number, unknown>();
    const first = new StatementLog(outcomes, { stmtIds: [4, 5] });
    first.record(1, { n: 1 });
    const retry = new StatementLog(outcomes, { stmtIds: [5] });
    expect(retry.replay(0)).toEqual({ outcome: { n: 1 } });
    expect(first.replay(0)).toBeUndefined();
  });

  it('replays a recorded undefined outcome as applied', () => {
    const log = new StatementLog(new Map(), {});
    log.record(0, undefined);
    expect(log.replay(0)).toEqual({ outcome: undefined });
  });
});
