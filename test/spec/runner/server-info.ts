import type { Document, MongoClient } from 'mongodb';

/** What runOnRequirements are checked against, read from the server itself. */
export interface ServerInfo {
  readonly version: readonly number[];
  /** single | replicaset | sharded | load-balanced */
  readonly topology: string;
  readonly auth: boolean;
  readonly serverless: boolean;
  /** Lazily fetched `getParameter: '*'` answer. */
  readonly parameters: () => Promise<Document>;
}

function topologyOf(hello: Document): string {
  if (hello.serviceId !== undefined) return 'load-balanced';
  if (hello.msg === 'isdbgrid') return 'sharded';
  if (typeof hello.setName === 'string') return 'replicaset';
  return 'single';
}

/** Asks the server (`buildInfo`, `hello`) what it is, through the runner's internal client. */
export async function readServerInfo(client: MongoClient): Promise<ServerInfo> {
  const admin = client.db('admin');
  const buildInfo = await admin.command({ buildInfo: 1 });
  const hello = await admin.command({ hello: 1 });
  const version = Array.isArray(buildInfo.versionArray)
    ? (buildInfo.versionArray as unknown[]).slice(0, 3).map(Number)
    : String(buildInfo.version)
        .split('.')
        .slice(0, 3)
        .map((part) => Number.parseInt(part, 10) || 0);
  let parameters: Promise<Document> | undefined;
  return {
    version,
    topology: topologyOf(hello),
    auth: client.options.credentials !== undefined,
    serverless: process.env.SERVERLESS === '1',
    parameters: () => {
      parameters ??= admin.command({ getParameter: '*' });
      return parameters;
    },
  };
}
