// PLACEHOLDER owned by the wire agent: may be extended, keep the exported name.
export interface ServerState {
  readonly startedAt: Date;
}
