import { cpSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFrames } from '#localdb/storage/journal/frame.ts';
import { readDocs, tempDir, writeDocs } from './engine-fixture.ts';

const JOURNAL = 'journal-00000001.bin';

describe('a journal whose last record was torn by a crash', () => {
  let dirs: Awaited<ReturnType<typeof tempDir>>[] = [];
  let source: string;
  let lastFrameStart: number;
  let size: number;

  async function copy(): Promise<string> {
    const dir = await tempDir('copy');
    dirs.push(dir);
    cpSync(join(source, JOURNAL), join(dir.path, JOURNAL));
    return dir.path;
  }

  beforeEach(async () => {
    const dir = await tempDir('source');
    dirs.push(dir);
    source = dir.path;
    await writeDocs(source, [1, 2, 3, 4, 5]);
    const bytes = readFileSync(join(source, JOURNAL));
    size = bytes.byteLength;
    // The frame of the last insert: re-reading all but it ends exactly where it starts.
    const frames = readFrames(bytes);
    expect(frames.validEnd).toBe(size);
    const withoutLast = readFrames(bytes.subarray(0, size - 1));
    lastFrameStart = withoutLast.validEnd;
    expect(lastFrameStart).toBeLessThan(size);
  });

  afterEach(async () => {
    for (const dir of dirs) await dir.remove();
    dirs = [];
  });

  it('opens with every record before it, whatever byte the tear is at', async () => {
    expect((await readDocs(await copy())).ids).toEqual([1, 2, 3, 4, 5]);
    for (let cut = lastFrameStart; cut < size; cut++) {
      const path = await copy();
      truncateSync(join(path, JOURNAL), cut);
      const { ids, tornBytes } = await readDocs(path);
      expect(ids, `cut at ${cut}`).toEqual([1, 2, 3, 4]);
      expect(tornBytes).toBe(cut - lastFrameStart);
    }
  });

  it('cuts the torn bytes off and appends after the intact records', async () => {
    const path = await copy();
    truncateSync(join(path, JOURNAL), size - 3);
    await writeDocs(path, [6]);
    const reopened = await readDocs(path);
    expect(reopened.ids).toEqual([1, 2, 3, 4, 6]);
    expect(reopened.tornBytes).toBe(0);
  });

  it('drops a last record whose checksum does not match (stale bytes, not a short file)', async () => {
    const path = await copy();
    const bytes = readFileSync(join(path, JOURNAL));
    const last = size - 2;
    bytes[last] = (bytes[last] ?? 0) ^ 0xff;
    writeFileSync(join(path, JOURNAL), bytes);
    expect((await readDocs(path)).ids).toEqual([1, 2, 3, 4]);
  });

  it('drops zeros the file system left after the last record', async () => {
    const path = await copy();
    writeFileSync(join(path, JOURNAL), Buffer.alloc(4096), { flag: 'a' });
    const { ids, tornBytes } = await readDocs(path);
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(tornBytes).toBe(4096);
  });
});
