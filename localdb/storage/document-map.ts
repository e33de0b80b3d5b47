import type { StoredDoc } from './stored-doc.ts';

/**
 * A collection's documents by canonical `_id`, with a count of the changes made to it however they
 * were made (`Collection.apply`, or code filling the map directly): copies derived from the
 * documents, such as the ordered `_id` index, note the version they reflect and are rebuilt when it
 * moved behind their back. Sizes cannot tell: a delete plus an insert leaves the size unchanged.
 */
export class DocumentMap extends Map<string, StoredDoc> {
  #version = 0;

  get version(): number {
    return this.#version;
  }

  override set(id: string, stored: StoredDoc): this {
    this.#version += 1;
    return super.set(id, stored);
  }

  override delete(id: string): boolean {
    const deleted = super.delete(id);
    if (deleted) this.#version += 1;
    return deleted;
  }

  override clear(): void {
    if (this.size) this.#version += 1;
    super.clear();
  }
}
