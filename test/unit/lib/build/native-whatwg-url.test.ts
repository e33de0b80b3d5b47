import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeWhatwgUrl } from '#lib/build/esbuild-plugins.ts';

// The driver bundled with Node's own URL in place of whatwg-url must read every connection
// string as the driver from node_modules does: the same options, the same errors. A client is
// only constructed (no connection, no DNS), and its parsed options compared as JSON.
const ENTRY = `
import { MongoClient } from 'mongodb';
const plain = (value) => {
  if (typeof value === 'function') return 'function';
  if (value instanceof Promise) return 'promise';
  if (value instanceof Map || value instanceof Set) return [...value];
  if (value && typeof value === 'object' && value.constructor?.name === 'HostAddress') return String(value);
  return value;
};
export function parse(uri) {
  try {
    const { options } = new MongoClient(uri);
    return JSON.stringify(options, (key, value) => (key === 'metadata' ? 'metadata' : plain(value)));
  } catch (error) {
    return \`\${error.name}: \${error.message}\`;
  }
}
`;

const URIS = [
  'mongodb://localhost',
  'mongodb://localhost:27017/db',
  'mongodb://HOST.Example.COM:27017/DB',
  'mongodb://user:pass@host1:27017,host2:27018/admin?replicaSet=rs0&authSource=admin',
  'mongodb://us%3Aer:p%40ss%2Fw0rd%3F@host/db',
  'mongodb://user:p%C3%A4ss%20word@host/db',
  'mongodb://%2Ftmp%2Fmongodb-27017.sock/db',
  'mongodb://[::1]:27017,[2001:db8::1]/db',
  'mongodb+srv://user:pass@cluster0.example.mongodb.net/db?retryWrites=true&w=majority',
  'mongodb+srv://cluster0.example.mongodb.net/?srvMaxHosts=2&srvServiceName=custom',
  'mongodb://host/?readPreference=secondaryPreferred&readPreferenceTags=dc:ny,rack:1&readPreferenceTags=&maxStalenessSeconds=120',
  'mongodb://host/?tls=true&tlsAllowInvalidCertificates=true',
  'mongodb://user:pass@host/?authMechanism=SCRAM-SHA-256&authSource=other',
  'mongodb://user:pass@host/db?authSource=%24external&authMechanism=PLAIN',
  'mongodb://host/?appName=My%20App&compressors=zlib&zlibCompressionLevel=5',
  'mongodb://host/?maxPoolSize=3&minPoolSize=0&maxIdleTimeMS=60000&serverSelectionTimeoutMS=3000',
  'mongodb://host/?socketTimeoutMS=0&connectTimeoutMS=10000&waitQueueTimeoutMS=500',
  'mongodb://host/?w=2&wtimeoutMS=100&journal=true&readConcernLevel=majority',
  'mongodb://host/?directConnection=true',
  'mongodb://host/db?MAXPOOLSIZE=5&ReplicaSet=rs1&appname=x',
  'mongodb://host/?loadBalanced=true',
  'mongodb://host/?retryReads=false&retryWrites=false&heartbeatFrequencyMS=20000',
  'mongodb://host/?serverMonitoringMode=poll&localThresholdMS=20&timeoutMS=5000',
  'mongodb://host/my%20db?replicaSet=rs&replicaSet=rs',
  'mongodb://host/?unknownOption=1',
  'mongodb://a:b@host/db?w=majority#fragment',
  'mongodb://user@host/?authMechanism=MONGODB-X509&tls=true',
  // Refused: both ways, with the same error.
  'mongodb://',
  'mongodb://host:99999',
  'mongodb://user:pa:ss@host',
  'mongodb://us@er:pass@host',
  'mongodb://@host',
  'http://host',
  'mongodb://host/?maxPoolSize=abc',
  'mongodb://host1,host2/?directConnection=true',
  'mongodb+srv://host1.example.com,host2.example.com',
  'mongodb+srv://cluster0.example.com:27017',
  'mongodb://[::1',
  'mongodb://ho st',
  'mongodb://host/?tls=true&ssl=false',
  'mongodb://host/?readPreference=unknown',
];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lmk-whatwg-url-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bundle(name: string, plugins: Plugin[]) {
  const outfile = path.join(dir, `${name}.mjs`);
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'js' },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    metafile: true,
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
    external: ['@aws-sdk/*', 'kerberos', 'snappy', '@mongodb-js/zstd', 'mongodb-client-encryption'],
    plugins,
    logLevel: 'silent',
  });
  const mod = (await import(outfile)) as { parse(uri: string): string };
  return { parse: mod.parse, metafile: result.metafile as Metafile };
}

const packagesIn = (metafile: Metafile) =>
  new Set(
    Object.keys(metafile.inputs).flatMap(
      (f) => f.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? [],
    ),
  );

describe('nativeWhatwgUrl', () => {
  it('reads every connection string as the driver with whatwg-url does, errors included', async () => {
    const [reference, native] = await Promise.all([
      bundle('whatwg', []),
      bundle('native', [nativeWhatwgUrl()]),
    ]);
    const differences = URIS.filter((uri) => reference.parse(uri) !== native.parse(uri));
    expect(differences).toEqual([]);
    // The corpus holds both kinds, so the comparison covers parsing and refusing.
    const refused = URIS.filter((uri) => !reference.parse(uri).startsWith('{'));
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(URIS.length - refused.length).toBeGreaterThanOrEqual(25);
    // Options a case-insensitive key or a percent-encoded credential set, read back.
    const options = JSON.parse(native.parse('mongodb://us%3Aer:p%40ss@h/db?MAXPOOLSIZE=5'));
    expect(options).toMatchObject({
      maxPoolSize: 5,
      credentials: { username: 'us:er', password: 'p@ss' },
    });
    // What the plugin is for: whatwg-url and its Unicode tables are gone from the bundle.
    expect(packagesIn(reference.metafile)).toContain('tr46');
    expect(packagesIn(native.metafile)).not.toContain('tr46');
    expect(packagesIn(native.metafile)).not.toContain('whatwg-url');
  });
});
