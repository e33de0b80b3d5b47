// `npm start`: the API on http://127.0.0.1:$PORT (default 3000) through serverless-offline, with
// localdb started for it (data under .localdb/) unless MONGODB_URI names a MongoDB to use.
// Ctrl-C or SIGTERM stops the API, then the database. Variables: see README "Running locally".
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { applySetup, type StartedDatabase, startDatabase } from './offline/database.ts';
import { readStartOptions } from './offline/options.ts';
import { paramOverrides } from './offline/param-overrides.ts';
import { readRoutes } from './offline/routes.ts';
import { type RunningOffline, startOffline } from './offline/serverless-offline.ts';

const options = readStartOptions(process.env);
// Each run bundles into a work folder of its own (see custom.esbuild.outputWorkFolder).
const esbuildRun = `offline-${process.pid}`;
let database: Promise<StartedDatabase> | undefined;
let offline: RunningOffline | undefined;
let stopping: Promise<void> | undefined;

async function shutdown(reason: string, exitCode: number): Promise<void> {
  console.log(`\n${reason}: stopping the API and the database...`);
  const code = await offline?.stop();
  // A signal during start-up still stops the database once it is up.
  await (await database?.catch(() => undefined))?.stop();
  // Twice: esbuild's own process can still flush a rebuild (serverless-esbuild watches the
  // sources) just after serverless has exited.
  await rm(`.esbuild/${esbuildRun}`, { recursive: true, force: true });
  await sleep(500);
  await rm(`.esbuild/${esbuildRun}`, { recursive: true, force: true });
  console.log(`Stopped${code === undefined ? '' : ` (serverless exited with ${code})`}.`);
  process.exitCode = exitCode;
}

function stop(reason: string, exitCode: number): Promise<void> {
  stopping ??= shutdown(reason, exitCode);
  return stopping;
}

process.once('SIGINT', () => void stop('SIGINT', 0));
process.once('SIGTERM', () => void stop('SIGTERM', 0));

try {
  database = startDatabase(options);
  const db = await database;
  console.log(`Database: ${db.description}`);
  await applySetup(db.uri, options.dbName);
  if (!stopping) await serve(db);
} catch (error) {
  // After a signal the failure is just the interrupted start-up.
  if (!stopping) console.error(error);
  await stop('Start-up failed', 1);
}

async function serve(db: StartedDatabase): Promise<void> {
  offline = startOffline({
    httpPort: options.httpPort,
    lambdaPort: options.lambdaPort,
    stage: options.stage,
    dbName: options.dbName,
    // The shell's AUTH_READS, CORS_ALLOWED_ORIGINS, ... (MONGODB_DB is passed as dbName).
    extraArgs: await paramOverrides(process.env, ['MONGODB_DB']),
    env: {
      ...process.env,
      MONGODB_URI: db.uri,
      LMK_ESBUILD_RUN: esbuildRun,
      // Nothing lives there: serverless-esbuild always watches, so give it nothing to watch.
      ...(options.watch ? {} : { LMK_ESBUILD_WATCH: `.esbuild/${esbuildRun}/unwatched/*.ts` }),
    },
  });
  void offline.exited.then((code) => {
    if (!stopping) void stop(`serverless offline exited (${code})`, 1);
  });
  await offline.ready;
  const base = `http://127.0.0.1:${options.httpPort}`;
  console.log(`\nAPI ready on ${base}`);
  for (const route of await readRoutes()) {
    console.log(`  ${route.method.padEnd(6)} ${base}${route.path}  (${route.functionName})`);
  }
  console.log(`Database: ${db.description}`);
  console.log('Press Ctrl-C to stop.');
}
