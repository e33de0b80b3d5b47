import { isDeepStrictEqual } from 'node:util';
import { BSON, type Db, type Document } from 'mongodb';
import '#lib/model/json-schema-forms.ts';
import { indexName, indexShape } from './indexes.ts';

/** What the migration needs from a model (lib/model's Model satisfies it). */
export interface MigratableModel {
  readonly collection: string;
  readonly indexes: readonly import('mongodb').IndexDescription[];
  readonly validation: { readonly level: string; readonly action: string };
  validator(): Document;
}

/** One change, printable in the dry run and applied by `apply`. */
export interface MigrationStep {
  readonly collection: string;
  readonly action:
    | 'create collection'
    | 'set validator'
    | 'create index'
    | 'drop index'
    | 'run data migration';
  readonly detail: string;
  apply(db: Db): Promise<unknown>;
}

/** Compares BSON documents by their extended-JSON form, so int32/double 5 and 5 agree. */
const same = (a: unknown, b: unknown) =>
  isDeepStrictEqual(
    JSON.parse(BSON.EJSON.stringify(a ?? null)),
    JSON.parse(BSON.EJSON.stringify(b ?? null)),
  );

async function collectionSteps(db: Db, model: MigratableModel): Promise<MigrationStep[]> {
  const name = model.collection;
  const [info] = await db.listCollections({ name }).toArray();
  const wanted = {
    validator: model.validator(),
    validationLevel: model.validation.level,
    validationAction: model.validation.action,
  };
  if (!info) {
    return [
      {
        collection: name,
        action: 'create collection',
        detail: `with its $jsonSchema validator (${wanted.validationLevel}/${wanted.validationAction})`,
        apply: (d) => d.createCollection(name, wanted),
      },
    ];
  }
  const options = (info as { options?: Document }).options ?? {};
  const current = {
    validator: options.validator,
    validationLevel: options.validationLevel ?? 'strict',
    validationAction: options.validationAction ?? 'error',
  };
  if (same(current, wanted)) return [];
  return [
    {
      collection: name,
      action: 'set validator',
      detail: options.validator
        ? 'the $jsonSchema validator changed'
        : 'adds the $jsonSchema validator',
      apply: (d) => d.command({ collMod: name, ...wanted }),
    },
  ];
}

async function indexSteps(
  db: Db,
  model: MigratableModel,
  exists: boolean,
): Promise<MigrationStep[]> {
  const name = model.collection;
  const listed = exists ? await db.collection(name).listIndexes().toArray() : [];
  const current = new Map(listed.filter((i) => i.name !== '_id_').map((i) => [String(i.name), i]));
  const steps: MigrationStep[] = [];
  const declared = new Set<string>();
  for (const index of model.indexes) {
    const iname = indexName(index);
    declared.add(iname);
    const existing = current.get(iname);
    const wanted = indexShape(index);
    if (existing && same(indexShape(existing, wanted), wanted)) continue;
    if (existing) {
      steps.push({
        collection: name,
        action: 'drop index',
        detail: `${iname} (its definition changed)`,
        apply: (d) => d.collection(name).dropIndex(iname),
      });
    }
    steps.push({
      collection: name,
      action: 'create index',
      detail: `${iname} ${BSON.EJSON.stringify(wanted)}`,
      apply: (d) => d.collection(name).createIndexes([{ ...index, name: iname }]),
    });
  }
  for (const iname of current.keys()) {
    if (declared.has(iname)) continue;
    steps.push({
      collection: name,
      action: 'drop index',
      detail: `${iname} (not declared by the model)`,
      apply: (d) => d.collection(name).dropIndex(iname),
    });
  }
  return steps;
}

/** Everything that differs between the models and the database; empty when up to date. */
export async function planMigration(
  db: Db,
  models: readonly MigratableModel[],
): Promise<MigrationStep[]> {
  const steps: MigrationStep[] = [];
  for (const model of models) {
    const collection = await collectionSteps(db, model);
    const exists = !collection.some((s) => s.action === 'create collection');
    steps.push(...collection, ...(await indexSteps(db, model, exists)));
  }
  return steps;
}

/** Applies the steps in order (validators first, then index drops before their re-creation). */
export async function applyMigration(db: Db, steps: readonly MigrationStep[]): Promise<void> {
  for (const step of steps) await step.apply(db);
}

/** The dry-run diff, one line per step. */
export function formatPlan(dbName: string, steps: readonly MigrationStep[]): string {
  if (steps.length === 0) return `${dbName}: up to date`;
  return steps.map((s) => `${dbName}.${s.collection}: ${s.action} ${s.detail}`).join('\n');
}
