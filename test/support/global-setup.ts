import type { TestProject } from 'vitest/node';
import { startLocalDb } from '#localdb/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the database every integration test uses. */
    mongodbUri: string;
    /** True when the tests run on the embedded localdb (fail points and test commands on). */
    onLocalDb: boolean;
  }
}

/** Starts localdb once for the run, unless MONGODB_URI names a real MongoDB to use instead. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('mongodbUri', external);
    project.provide('onLocalDb', false);
    return async () => {};
  }
  const db = await startLocalDb({ port: 0, testCommands: true });
  project.provide('mongodbUri', db.uri);
  project.provide('onLocalDb', true);
  return () => db.stop();
}
