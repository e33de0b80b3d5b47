// A cold start without the runtime: a fresh process that imports one bundle (argv[2]) and
// reports how long the import took and what it left running. Open TCP handles after the
// import would mean module init touched the network.
import { pathToFileURL } from 'node:url';
import { reportResult } from '../support/result.ts';

const bundle = process.argv[2] ?? '';
const t0 = performance.now();
await import(pathToFileURL(bundle).href);
const importMs = performance.now() - t0;
const resources = process.getActiveResourcesInfo();
reportResult({
  importMs,
  processUptimeMs: process.uptime() * 1_000,
  tcpHandles: resources.filter((r) => r.startsWith('TCP')).length,
});
process.exit(0);
