/** Connection strings for client entities, per the format's `useMultipleMongoses`. */
export interface ClientUris {
  /** The run's URI as given (all its hosts). */
  readonly multiple: string;
  /** On a sharded cluster, the same URI with only its first mongos; otherwise the same URI. */
  readonly single: string;
}

const SEED_LIST = /^(mongodb:\/\/(?:[^@/]*@)?)([^/?]+)(.*)$/;

export function clientUris(uri: string, topology: string): ClientUris {
  const match = uri.match(SEED_LIST);
  if (topology !== 'sharded' || !match) return { multiple: uri, single: uri };
  const [, prefix, hosts = '', rest] = match;
  return { multiple: uri, single: `${prefix}${hosts.split(',')[0]}${rest}` };
}
