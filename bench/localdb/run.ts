// npm run bench:localdb — localdb through the real mongodb driver over TCP at 1k/10k/100k documents.
import { mkdir, writeFile } from 'node:fs/promises';
import { Decimal128, MongoClient } from 'mongodb';
import { startLocalDb } from '#localdb/index.ts';
import { type Measurement, measure } from './measure.ts';

const SIZES = [1_000, 10_000, 100_000];
const OPS = 1_000;
const RESULTS = new URL('../results/localdb.json', import.meta.url);

async function fill(client: MongoClient, size: number) {
  const collection = client
    .db('bench')
    .collection<{ _id: number; k: string; g: number; v: number }>(`docs_${size}`);
  for (let start = 0; start < size; start += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, size - start) }, (_, j) => {
      const i = start + j;
      return { _id: i, k: `key${i}`, g: i % 10, v: i % 100 };
    });
    await collection.insertMany(batch);
  }
  await collection.createIndex({ k: 1 });
  return collection;
}

/** Prices as decimal128 (money), for the typed `$group`: their sums are exact, as on mongod. */
async function fillPrices(client: MongoClient, size: number) {
  const prices = client
    .db('bench')
    .collection<{ _id: number; g: number; price: Decimal128 }>(`prices_${size}`);
  for (let start = 0; start < size; start += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, size - start) }, (_, j) => {
      const i = start + j;
      return { _id: i, g: i % 10, price: Decimal128.fromString(`${i % 100}.99`) };
    });
    await prices.insertMany(batch);
  }
  return prices;
}

async function benchSize(client: MongoClient, size: number): Promise<Measurement[]> {
  const collection = await fill(client, size);
  const prices = await fillPrices(client, size);
  const pick = (i: number) => (i * 7919) % size;
  const aggregateOps = size >= 100_000 ? 20 : size >= 10_000 ? 100 : 300;
  const pageOps = Number(process.env.LOCALDB_BENCH_PAGE_OPS ?? 200);
  const keyOf = (n: number) => `key${n}`;
  return [
    await measure('insertOne', size, OPS, (i) =>
      collection.insertOne({ _id: size + i, k: `new${i}`, g: 0, v: 0 }),
    ),
    await measure('findOne by _id', size, OPS, (i) => collection.findOne({ _id: pick(i) })),
    await measure('indexed equality find', size, OPS, (i) =>
      collection.find({ k: `key${pick(i)}` }).toArray(),
    ),
    await measure('keyset page (_id $gt, sort _id, limit 20)', size, pageOps, (i) =>
      collection
        .find({ _id: { $gt: pick(i) } })
        .sort({ _id: 1 })
        .limit(20)
        .toArray(),
    ),
    await measure('keyset page backward (_id $lt, sort -1)', size, pageOps, (i) =>
      collection
        .find({ _id: { $lt: pick(i) } })
        .sort({ _id: -1 })
        .limit(20)
        .toArray(),
    ),
    await measure('keyset page on k ($or, sort k,_id)', size, pageOps, (i) =>
      collection
        .find({
          $or: [{ k: { $gt: keyOf(pick(i)) } }, { k: keyOf(pick(i)), _id: { $gt: pick(i) } }],
        })
        .sort({ k: 1, _id: 1 })
        .limit(20)
        .toArray(),
    ),
    await measure('deep skip page (skip n/2, sort _id)', size, pageOps, () =>
      collection
        .find({})
        .sort({ _id: 1 })
        .skip(Math.floor(size / 2))
        .limit(20)
        .toArray(),
    ),
    // The ordered copies of _id and k exist now: inserts keep them up to date (k lands mid-array).
    await measure('insertOne (ordered indexes kept)', size, OPS, (i) =>
      collection.insertOne({ _id: 2 * size + i, k: `key${pick(i)}x`, g: 0, v: 0 }),
    ),
    // countDocuments is an aggregation ($match + $group): its $match is read through k's index.
    await measure('countDocuments, indexed equality', size, OPS, (i) =>
      collection.countDocuments({ k: keyOf(pick(i)) }),
    ),
    // A page of 20 joined to the collection on an indexed field (each key matches one document).
    await measure('$lookup page of 20 on an indexed field', size, pageOps, (i) =>
      collection
        .aggregate([
          { $match: { _id: { $in: Array.from({ length: 20 }, (_, j) => pick(i + j)) } } },
          {
            $lookup: {
              from: collection.collectionName,
              localField: 'k',
              foreignField: 'k',
              as: 'same',
            },
          },
          { $project: { n: { $size: '$same' } } },
        ])
        .toArray(),
    ),
    await measure('$group aggregate', size, aggregateOps, () =>
      collection
        .aggregate([{ $group: { _id: '$g', n: { $sum: 1 }, total: { $sum: '$v' } } }])
        .toArray(),
    ),
    await measure('$group sum of decimal128 prices', size, aggregateOps, () =>
      prices.aggregate([{ $group: { _id: '$g', total: { $sum: '$price' } } }]).toArray(),
    ),
  ];
}

const server = await startLocalDb({ port: 0 });
const client = new MongoClient(server.uri);
try {
  await client.connect();
  const results: Measurement[] = [];
  for (const size of SIZES) results.push(...(await benchSize(client, size)));
  console.table(results);
  await mkdir(new URL('.', RESULTS), { recursive: true });
  await writeFile(
    RESULTS,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
  );
  console.log(`written to ${RESULTS.pathname}`);
} finally {
  await client.close();
  await server.stop();
}
