import { MongoClient } from 'mongodb';

const c = new MongoClient('mongodb://127.0.0.1:27999/?replicaSet=localdb');
const col = c.db('t').collection('names');
await col.deleteMany({});
await col.insertMany([
  { name: 'Émile' },
  { name: 'Eve' },
  { name: 'eve' },
  { name: 'Zed' },
  { name: 'adam' },
]);
const coll = { locale: 'en', strength: 2 };
console.log(
  'sorted',
  (await col.find({}, { collation: coll }).sort({ name: 1 }).toArray()).map((d) => d.name),
);
console.log(
  'gt eve',
  (await col.find({ name: { $gt: 'eve' } }, { collation: coll }).toArray()).map((d) => d.name),
);
console.log(
  'lt eve',
  (await col.find({ name: { $lt: 'eve' } }, { collation: coll }).toArray()).map((d) => d.name),
);
console.log(
  'eq EVE',
  (await col.find({ name: 'EVE' }, { collation: coll }).toArray()).map((d) => d.name),
);
await c.close();
