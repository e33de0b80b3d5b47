import type { Document } from 'bson';

/** hello.logicalSessionTimeoutMinutes: sessions unused this long are forgotten, as mongod reaps them. */
export const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;
const TIMEOUT_MS = LOGICAL_SESSION_TIMEOUT_MINUTES * 60_000;
/** Expired sessions are swept every this many uses rather than on a timer (no background work). */
const SWEEP_EVERY = 1_000;

export interface SessionRecord {
  /** The canonical session id (the lsid UUID string). */
  readonly id: string;
  /** The lsid as the client sent it. */
  readonly lsid: Document;
  lastUse: Date;
}

/**
 * Logical sessions the server has seen: created implicitly by the first command carrying an lsid,
 * touched by each use, dropped by endSessions / killSessions or after the session timeout.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, SessionRecord>();
  private usesSinceSweep = 0;

  /** Records a use of the session (creating it on first use). */
  touch(id: string, lsid: Document, now = new Date()): void {
    const known = this.sessions.get(id);
    if (known) known.lastUse = now;
    else this.sessions.set(id, { id, lsid, lastUse: now });
    this.usesSinceSweep += 1;
    if (this.usesSinceSweep >= SWEEP_EVERY) this.sweep(now);
  }

  /** refreshSessions: keeps known sessions alive (unknown ones are not created). */
  refresh(ids: readonly string[], now = new Date()): void {
    for (const id of ids) {
      const known = this.sessions.get(id);
      if (known) known.lastUse = now;
    }
  }

  /** endSessions / killSessions: forgets the sessions (their transactions with them, later). */
  end(ids: readonly string[]): void {
    for (const id of ids) this.sessions.delete(id);
  }

  /** killAllSessions. */
  clear(): void {
    this.sessions.clear();
  }

  get(id: string): SessionRecord | undefined {
    return this.sessions.get(id);
  }

  /** Live sessions, expired ones swept first. */
  list(now = new Date()): SessionRecord[] {
    this.sweep(now);
    return [...this.sessions.values()];
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(now: Date): void {
    this.usesSinceSweep = 0;
    const cutoff = now.getTime() - TIMEOUT_MS;
    for (const [id, record] of this.sessions) {
      if (record.lastUse.getTime() < cutoff) this.sessions.delete(id);
    }
  }
}
