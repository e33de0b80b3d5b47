import type { StoredDoc } from '../storage/stored-doc.ts';

interface Change {
  readonly version: number;
  readonly id: string;
  readonly before: StoredDoc | undefined;
}

/**
 * Before-images of committed writes, recorded only while some transaction is open (nobody else
 * needs them), so snapshots and conflict checks cost nothing when no transaction runs.
 */
export class WriteHistory {
  #version = 0;
  readonly #changes = new Map<string, Change[]>();
  readonly #lastWrite = new Map<string, Map<string, number>>();

  /** The number of committed writes observed so far: a transaction's snapshot point. */
  get version(): number {
    return this.#version;
  }

  /**
   * Notes one committed write of document `id` in `ns` (and the unique-index keys it added or
   * removed, `keys`); `keep` when an open transaction may need it.
   */
  record(
    ns: string,
    id: string,
    before: StoredDoc | undefined,
    keep: boolean,
    keys: readonly string[] = [],
  ): void {
    this.#version += 1;
    if (!keep) return;
    const changes = this.#changes.get(ns) ?? [];
    changes.push({ version: this.#version, id, before });
    this.#changes.set(ns, changes);
    const last = this.#lastWrite.get(ns) ?? new Map<string, number>();
    for (const written of [id, ...keys]) last.set(written, this.#version);
    this.#lastWrite.set(ns, last);
  }

  /** Whether the document (or unique key) was written by a commit after `version`. */
  writtenSince(ns: string, idOrKey: string, version: number): boolean {
    return (this.#lastWrite.get(ns)?.get(idOrKey) ?? 0) > version;
  }

  /** Calls `undo` for each write of `ns` after `version`, newest first (to rebuild that state). */
  undoSince(
    ns: string,
    version: number,
    undo: (id: string, before: StoredDoc | undefined) => void,
  ): void {
    const changes = this.#changes.get(ns) ?? [];
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = changes[i] as Change;
      if (change.version <= version) break;
      undo(change.id, change.before);
    }
  }

  /** Forgets what no open transaction can need: everything up to the oldest open snapshot. */
  prune(oldestSnapshot: number | undefined): void {
    if (oldestSnapshot === undefined) {
      this.#changes.clear();
      this.#lastWrite.clear();
      return;
    }
    for (const [ns, changes] of this.#changes) {
      const kept = changes.filter((c) => c.version > oldestSnapshot);
      if (kept.length) this.#changes.set(ns, kept);
      else this.#changes.delete(ns);
    }
    for (const [ns, last] of this.#lastWrite) {
      for (const [id, version] of last) if (version <= oldestSnapshot) last.delete(id);
      if (last.size === 0) this.#lastWrite.delete(ns);
    }
  }
}
