// PLACEHOLDER owned by the storage agent: replace entirely.
export interface EngineOptions {
  /** Folder for durable storage; undefined keeps everything in memory. */
  readonly dbPath?: string | undefined;
}

export class Engine {
  readonly options: EngineOptions;
  constructor(options: EngineOptions = {}) {
    this.options = options;
  }
  async close(): Promise<void> {}
}
