/**
 * A violation of the wire protocol by the peer (bad length, garbage BSON, truncated section, bad checksum).
 * The connection that sent it is closed; other connections are unaffected.
 */
export class WireProtocolError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WireProtocolError';
  }
}
