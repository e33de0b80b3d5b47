import type { Document } from 'bson';
import type { CommandContext } from '../commands/types.ts';

/**
 * The statements of one retryable write already applied under (lsid, txnNumber): a retry answers
 * their recorded outcomes instead of applying them again. Statement i's id is `stmtIds[i]`, else
 * `stmtId + i`, else i (mongod numbers them the same way when the driver does not).
 */
export class StatementLog {
  readonly #outcomes: Map<number, unknown>;
  readonly #stmtIds: readonly unknown[] | undefined;
  readonly #first: number;
  #mark: (() => number) | undefined;
  /** The write version when the last statement was recorded (or when watching began). */
  lastMark: number | undefined;

  constructor(outcomes: Map<number, unknown>, command: Document) {
    this.#outcomes = outcomes;
    this.#stmtIds = Array.isArray(command.stmtIds) ? command.stmtIds : undefined;
    const first = Number(command.stmtId);
    this.#first = Number.isInteger(first) ? first : 0;
  }

  stmtId(index: number): number {
    const given = Number(this.#stmtIds?.[index]);
    return Number.isInteger(given) ? given : this.#first + index;
  }

  /** The recorded outcome of statement `index`, when it was applied already. */
  replay(index: number): { outcome: unknown } | undefined {
    const id = this.stmtId(index);
    return this.#outcomes.has(id) ? { outcome: this.#outcomes.get(id) } : undefined;
  }

  record(index: number, outcome: unknown): void {
    this.#outcomes.set(this.stmtId(index), outcome);
    this.lastMark = this.#mark?.();
  }

  /**
   * Notes the write version now and after each recorded statement: if it moved since the last
   * mark when a statement fails, that statement had written something before failing.
   */
  watch(version: () => number): void {
    this.#mark = version;
    this.lastMark = version();
  }
}

const logs = new WeakMap<CommandContext, StatementLog>();

/** A context whose write statements are recorded in (and replayed from) `log`. */
export function withStatementLog(context: CommandContext, log: StatementLog): CommandContext {
  const scoped = { ...context };
  logs.set(scoped, log);
  return scoped;
}

/** The statement log of a retryable write's context (undefined for any other command). */
export function statementLogOf(context: CommandContext): StatementLog | undefined {
  return logs.get(context);
}
