import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fsyncDir, journalPath, listDbPath, snapshotPath } from './files.ts';
import { readFrames } from './frame.ts';
import { decodeOps, FORMAT_VERSION } from './records.ts';
import { ReplayModel } from './replay-model.ts';
import { readSnapshot } from './snapshot.ts';

export interface Recovered {
  readonly model: ReplayModel;
  /** The generation to keep appending to. */
  readonly gen: number;
  /** Where the intact part of that generation's journal ends; undefined when it must be created. */
  readonly validEnd: number | undefined;
  /** Bytes dropped from the journal's tail (a record torn by a crash). */
  readonly tornBytes: number;
  readonly snapshotBytes: number;
}

/** Replays one journal into the model; returns where its intact frames end. */
export function replayJournal(
  path: string,
  model: ReplayModel,
): { validEnd: number; size: number } {
  const bytes = readFileSync(path);
  const { payloads, validEnd } = readFrames(bytes);
  const [first, ...rest] = payloads;
  if (!first) return { validEnd: 0, size: bytes.byteLength };
  const header = decodeOps(first)[0];
  if (header?.k !== 'header' || header.file !== 'journal')
    throw new Error(`localdb journal ${path} does not start with a journal header`);
  if (Number(header.version) !== FORMAT_VERSION)
    throw new Error(`localdb journal ${path} has format ${header.version}, not ${FORMAT_VERSION}`);
  for (const payload of rest) for (const op of decodeOps(payload)) model.apply(op);
  return { validEnd, size: bytes.byteLength };
}

/**
 * Rebuilds the state in `dir`: the newest snapshot, then the journals from its generation on.
 * Only the newest journal may end in a torn frame (older ones were fdatasync'ed before the next
 * was started); damage anywhere else is refused rather than silently skipped.
 */
export function recoverDbPath(dir: string): Recovered {
  mkdirSync(dir, { recursive: true });
  const files = listDbPath(dir);
  for (const temporary of files.temporaries) rmSync(temporary, { force: true });
  const model = new ReplayModel();
  const base = files.snapshots.at(-1) ?? 0;
  const snapshotBytes = base ? readSnapshot(snapshotPath(dir, base), model) : 0;
  const journals = files.journals.filter((gen) => gen >= base);
  if (base && journals.length && journals[0] !== base)
    throw new Error(`localdb dbPath ${dir}: journal generation ${base} is missing`);
  let validEnd: number | undefined;
  let tornBytes = 0;
  journals.forEach((gen, i) => {
    if (gen !== (journals[0] ?? gen) + i)
      throw new Error(`localdb dbPath ${dir}: journal generation ${gen - 1} is missing`);
    const result = replayJournal(journalPath(dir, gen), model);
    if (result.validEnd < result.size && i < journals.length - 1)
      throw new Error(`localdb journal ${journalPath(dir, gen)} is damaged before its end`);
    validEnd = result.validEnd;
    tornBytes = result.size - result.validEnd;
  });
  // Files a finished compaction no longer needs (its clean-up was cut short).
  const stale = [
    ...files.snapshots.filter((gen) => gen < base).map((gen) => snapshotPath(dir, gen)),
    ...files.journals.filter((gen) => gen < base).map((gen) => journalPath(dir, gen)),
  ];
  for (const path of stale) rmSync(path, { force: true });
  if (stale.length || files.temporaries.length) fsyncDir(dir);
  const gen = journals.at(-1) ?? Math.max(base, 1);
  return { model, gen, validEnd: validEnd || undefined, tornBytes, snapshotBytes };
}
