import { EJSON } from 'bson';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { onLocalDb, testMongoUri } from '#test/support/database.ts';
import { driverLimitation } from './driver-limitations.ts';
import { knownFailure } from './known-failures.ts';
import { loadSpecFolder } from './load.ts';
import { withServerLock } from './lock.ts';
import { type RunEnvironment, runSpecTest } from './run-test.ts';
import { readServerInfo } from './server-info.ts';
import { SkipTest } from './skip.ts';
import { FolderSummary, TestStatus } from './summary.ts';
import type { SpecFile } from './types.ts';
import { clientUris } from './uris.ts';

const TEST_TIMEOUT_MS = 120_000;

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/**
 * One vitest file per spec folder: a describe per JSON file, a test per spec test. Tests that
 * cannot run here are skipped with their reason; known failures (localdb only) use test.fails.
 */
export function defineSpecSuite(folder: string, options: { only?: readonly string[] } = {}): void {
  const loaded = loadSpecFolder(folder);
  if ('missing' in loaded) {
    console.warn(`[spec ${folder}] skipped: ${loaded.missing}`);
    describe.skip(`spec ${folder}: ${loaded.missing}`, () => {
      test('spec tests', () => {});
    });
    return;
  }
  const files = options.only
    ? loaded.files.filter((f) => options.only?.includes(f.name))
    : loaded.files;
  const summary = new FolderSummary(folder, files.length);
  let env: RunEnvironment | undefined;

  describe(`spec ${folder}`, () => {
    beforeAll(async () => {
      const uri = testMongoUri();
      const internal = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
      await internal.connect();
      const server = await readServerInfo(internal);
      env = { uris: clientUris(uri, server.topology), internal, server };
    });

    afterAll(async () => {
      await env?.internal.close();
      console.log(summary.format());
      summary.write();
    });

    for (const { name, text, spec } of files) {
      describe(name, () => {
        spec.tests.forEach((specTest, index) => {
          const key = `${folder}/${name}`;
          const listed = onLocalDb()
            ? knownFailure('localdb', key, specTest.description)
            : undefined;
          const define = listed ? test.fails : test;
          define(specTest.description, { timeout: TEST_TIMEOUT_MS }, async (context) => {
            if (!env) throw new Error('runner environment not initialised');
            const runEnv = env;
            // A fresh parse per test: the driver mutates documents it is given (e.g. adds _id).
            const fresh = EJSON.parse(text, { relaxed: true }) as SpecFile;
            const freshTest = fresh.tests[index];
            if (!freshTest) throw new Error(`test ${index} missing from ${key}`);
            const record = { file: name, test: specTest.description };
            try {
              const limitation = driverLimitation(key, specTest.description);
              if (limitation) throw new SkipTest(limitation);
              await withServerLock(runEnv.uris.multiple, () =>
                runSpecTest(fresh, freshTest, runEnv),
              );
            } catch (error) {
              if (error instanceof SkipTest) {
                summary.record({ ...record, status: TestStatus.skipped, detail: error.message });
                context.skip(error.message);
                return;
              }
              summary.record({
                ...record,
                status: listed ? TestStatus.knownFailure : TestStatus.failed,
                detail: firstLine(error),
              });
              throw error;
            }
            summary.record({ ...record, status: listed ? TestStatus.fixed : TestStatus.passed });
          });
        });
      });
    }
  });
}
