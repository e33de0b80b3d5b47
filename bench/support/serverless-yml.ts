import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';

/** serverless.yml parsed as YAML; each reader declares the part it reads as `T`. */
export async function readServerlessYml<T>(file: string): Promise<T> {
  try {
    return load(await readFile(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`Cannot read ${file}`, { cause: error });
  }
}
