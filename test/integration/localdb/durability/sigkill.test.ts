import { readdir } from 'node:fs/promises';
import { type Document, MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildServer, killServer, spawnServer, stopServer } from './child-server.ts';
import { tempDbPath } from './temp-dir.ts';

const ROUNDS = 5;
const WRITERS = 4;
const PAD = 'x'.repeat(200);
// Small enough that compactions (journal rotation + snapshot) happen during the rounds, so kills
// also land in the middle of them.
const ENV = { LOCALDB_JOURNAL_COMPACT_BYTES: String(96 * 1024) };

interface Tally {
  /** _ids whose insert was acknowledged with j: true. */
  readonly journaled: string[];
  /** _ids acknowledged with no j (group commit). */
  readonly unjournaled: string[];
  /** Every _id sent, acknowledged or not. */
  readonly attempted: Set<string>;
}

/** Inserts until the server goes away; records what was acknowledged. */
async function writer(
  uri: string,
  round: number,
  w: number,
  journaled: boolean,
  tally: Tally,
): Promise<void> {
  const client = new MongoClient(uri, { retryWrites: false, serverSelectionTimeoutMS: 2_000 });
  try {
    const docs = client.db('durability').collection<{ _id: string } & Document>('stream');
    for (let i = 0; ; i++) {
      const _id = `${round}-${w}-${i}`;
      tally.attempted.add(_id);
      try {
        await docs.insertOne(
          { _id, round, w, i, pad: PAD },
          { writeConcern: journaled ? { w: 1, j: true } : { w: 1 } },
        );
      } catch {
        return;
      }
      (journaled ? tally.journaled : tally.unjournaled).push(_id);
    }
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function presentIds(uri: string): Promise<Set<string>> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    const docs = await client
      .db('durability')
      .collection<{ _id: string }>('stream')
      .find({}, { projection: { _id: 1 } })
      .toArray();
    return new Set(docs.map((d) => d._id));
  } finally {
    await client.close();
  }
}

function missing(ids: string[], present: Set<string>): string[] {
  return ids.filter((id) => !present.has(id));
}

describe('localdb survives SIGKILL under a stream of writes', () => {
  const servers: ChildServer[] = [];
  let dir: Awaited<ReturnType<typeof tempDbPath>> | undefined;

  afterAll(async () => {
    for (const server of servers) await killServer(server);
    await dir?.remove();
  });

  it(`keeps every acknowledged write over ${ROUNDS} kills at random moments`, async () => {
    dir = await tempDbPath('sigkill');
    const tally: Tally = { journaled: [], unjournaled: [], attempted: new Set() };
    const delays: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const server = await spawnServer(dir.path, ENV);
      servers.push(server);
      // Opening cleanly is part of the check: everything acknowledged before the last kill is here.
      const present = await presentIds(server.uri);
      expect(missing(tally.journaled, present)).toEqual([]);
      expect(missing(tally.unjournaled, present)).toEqual([]);
      for (const id of present) expect(tally.attempted.has(id)).toBe(true);

      // Even rounds: j: true. Odd rounds: no j, so no j sync flushes the others' records for them.
      const journaled = round % 2 === 0;
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        writer(server.uri, round, w, journaled, tally),
      );
      const delay = 150 + Math.floor(Math.random() * 600);
      delays.push(delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      await killServer(server);
      await Promise.all(writers);
    }
    const last = await spawnServer(dir.path, ENV);
    servers.push(last);
    const present = await presentIds(last.uri);
    await stopServer(last);
    const report = `kill delays ${delays.join(', ')} ms; acknowledged ${tally.journaled.length} j:true + ${tally.unjournaled.length} unjournaled of ${tally.attempted.size} sent`;
    console.log(report);
    expect(missing(tally.journaled, present), report).toEqual([]);
    // No j: durable within the group-commit interval against power loss; against a killed process
    // nothing acknowledged is lost, since records reach the kernel before the reply.
    expect(missing(tally.unjournaled, present), report).toEqual([]);
    expect(tally.journaled.length).toBeGreaterThan(ROUNDS);
    // Compaction ran at least once: a snapshot generation exists.
    expect((await readdir(dir.path)).some((name) => name.startsWith('snapshot-'))).toBe(true);
  }, 90_000);
});
