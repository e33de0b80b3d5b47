import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EJSON } from 'bson';
import type { SpecFile } from './types.ts';

/** The spec JSON lives beside the project (../shared/spec-tests from the repo root), never copied into it. */
export const SPEC_ROOT = fileURLToPath(new URL('../../../../shared/spec-tests/', import.meta.url));

/** Highest unified-format schema version this runner interprets (major 1). */
export const SUPPORTED_SCHEMA = Object.freeze({ major: 1, minor: 23 });

export interface LoadedFile {
  readonly name: string;
  readonly text: string;
  readonly spec: SpecFile;
}

/** The folder's JSON files, or the reason they cannot be read. */
export function loadSpecFolder(folder: string): { files: LoadedFile[] } | { missing: string } {
  const dir = `${SPEC_ROOT}${folder}`;
  if (!existsSync(dir)) return { missing: `spec tests folder not found: ${dir}` };
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  // Relaxed EJSON: plain JSON numbers stay JS numbers, so driver options (limit, batchSize) work as given.
  const files = names.map((name) => {
    const text = readFileSync(`${dir}/${name}`, 'utf8');
    try {
      return { name, text, spec: EJSON.parse(text, { relaxed: true }) as SpecFile };
    } catch (error) {
      throw new Error(`cannot parse ${folder}/${name}`, { cause: error });
    }
  });
  return { files };
}

/** Whether the file's schemaVersion is one this runner may process. */
export function schemaSupported(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major === SUPPORTED_SCHEMA.major && (minor ?? 0) <= SUPPORTED_SCHEMA.minor;
}
