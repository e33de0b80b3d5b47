/** Server versions localdb can claim, with the wire version each implies (MongoDB's wire version table). */
export const ServerVersions = Object.freeze({
  '6.0': Object.freeze({ version: '6.0.0', maxWireVersion: 17 }),
  '7.0': Object.freeze({ version: '7.0.0', maxWireVersion: 21 }),
  '8.0': Object.freeze({ version: '8.0.0', maxWireVersion: 25 }),
} as const);

export type ServerVersionName = keyof typeof ServerVersions;

export const DEFAULT_SERVER_VERSION: ServerVersionName = '8.0';

export interface VersionInfo {
  /** The feature compatibility version, e.g. '8.0'. */
  readonly name: ServerVersionName;
  /** The full version string, e.g. '8.0.0'. */
  readonly version: string;
  readonly versionArray: readonly number[];
  readonly maxWireVersion: number;
}

export function versionInfo(name: string = DEFAULT_SERVER_VERSION): VersionInfo {
  if (!Object.hasOwn(ServerVersions, name)) {
    throw new Error(
      `unsupported localdb version '${name}' (one of ${Object.keys(ServerVersions).join(', ')})`,
    );
  }
  const known = ServerVersions[name as ServerVersionName];
  const versionArray = [...known.version.split('.').map(Number), 0];
  return { name: name as ServerVersionName, ...known, versionArray };
}
