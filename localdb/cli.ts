// `npm run db`: runs localdb in the foreground until SIGINT/SIGTERM.
// Flags override env: --port (LOCALDB_PORT, default 27017, 0 = any free port), --host (LOCALDB_HOST),
// --db-path (LOCALDB_DB_PATH, default .localdb/data), --version (LOCALDB_VERSION), --in-memory.
import { parseArgs } from 'node:util';
import { startLocalDb } from './server/start.ts';

const USAGE = `Usage: npm run db -- [options]   (or: node localdb/cli.ts [options])
  --port N         port to listen on (LOCALDB_PORT; default 27017, 0 = any free port)
  --host H         address to listen on (LOCALDB_HOST; default 127.0.0.1)
  --db-path DIR    data folder (LOCALDB_DB_PATH; default .localdb/data)
  --in-memory      keep no data folder: everything is gone when it stops
  --version V      the MongoDB version it reports (LOCALDB_VERSION)
  -h, --help       this text`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'db-path': { type: 'string' },
        version: { type: 'string' },
        'in-memory': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`localdb: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const values = readArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port ?? process.env.LOCALDB_PORT ?? 27017);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`localdb: invalid port '${values.port ?? process.env.LOCALDB_PORT}'`);
  process.exit(2);
}
const dbPath = values['in-memory']
  ? undefined
  : (values['db-path'] ?? process.env.LOCALDB_DB_PATH ?? '.localdb/data');

const db = await startLocalDb({
  port,
  host: values.host ?? process.env.LOCALDB_HOST ?? '127.0.0.1',
  ...(dbPath ? { dbPath } : {}),
  ...(values.version || process.env.LOCALDB_VERSION
    ? { version: values.version ?? process.env.LOCALDB_VERSION }
    : {}),
});
console.log(`localdb ${db.state.version.version} ready (${dbPath ?? 'in memory'})`);
console.log(db.uri);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`localdb: ${signal} received, stopping`);
  await db.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
