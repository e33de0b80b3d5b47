import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { Options } from 'mingo/types';
import { CommandError } from '../../errors.ts';
import { canonicalKey } from '../../query/canonical-key.ts';
import { isPlainObject } from '../../query/paths.ts';
import { withMongoRegExps } from '../../query/regex.ts';
import { toView } from '../../query/view.ts';
import type { Engine } from '../../storage/engine.ts';
import { checkPipeline } from './pipeline-check.ts';

/** Where views are defined, as in mongod: one document per view in `<db>.system.views`. */
export const VIEWS_COLLECTION = 'system.views';
/** mongod's limit on views defined on views. */
const MAX_VIEW_DEPTH = 20;

export interface ViewDefinition {
  readonly viewOn: string;
  readonly pipeline: Document[];
}

/** The definition of view `name` in `db`, or undefined when it is not a view. */
export function viewDefinition(
  engine: Engine,
  db: string,
  name: string,
): ViewDefinition | undefined {
  const doc = engine.collection(db, VIEWS_COLLECTION)?.docs.get(canonicalKey(`${db}.${name}`))?.doc;
  return doc ? { viewOn: String(doc.viewOn), pipeline: doc.pipeline as Document[] } : undefined;
}

/** Every view of `db` with its definition. */
export function listViews(engine: Engine, db: string): Array<ViewDefinition & { name: string }> {
  const stored = engine.collection(db, VIEWS_COLLECTION)?.docs.values() ?? [];
  return Array.from(stored, ({ doc }) => ({
    name: String(doc._id).slice(db.length + 1),
    viewOn: String(doc.viewOn),
    pipeline: doc.pipeline as Document[],
  }));
}

/** A view resolved down to the collection it reads and the whole pipeline it runs there. */
export interface ResolvedView {
  readonly source: string;
  readonly pipeline: Document[];
}

/** Follows views on views to a collection (or a name that is neither, which reads as empty). */
export function resolveView(engine: Engine, db: string, name: string): ResolvedView | undefined {
  let definition = viewDefinition(engine, db, name);
  if (!definition) return undefined;
  const stages: Document[][] = [];
  const seen = new Set([name]);
  for (;;) {
    stages.unshift(definition.pipeline);
    const next = viewDefinition(engine, db, definition.viewOn);
    if (!next) return { source: definition.viewOn, pipeline: stages.flat() };
    if (seen.has(definition.viewOn))
      throw new CommandError(
        'GraphContainsCycle',
        `View cycle detected: ${[...seen].join(' -> ')}`,
      );
    if (seen.size >= MAX_VIEW_DEPTH)
      throw new CommandError(
        'ViewDepthLimitExceeded',
        `View depth too deep or view cycle detected; maximum depth is ${MAX_VIEW_DEPTH}`,
      );
    seen.add(definition.viewOn);
    definition = next;
  }
}

/** Refuses a write or index command on a view, as mongod does. */
export function refuseView(engine: Engine, db: string, name: unknown): void {
  if (typeof name === 'string' && viewDefinition(engine, db, name)) {
    throw new CommandError(
      'CommandNotSupportedOnView',
      `Namespace ${db}.${name} is a view, not a collection`,
    );
  }
}

/** Checks a view's definition as create and collMod receive it. */
export function checkViewDefinition(viewOn: unknown, pipeline: unknown): ViewDefinition {
  if (typeof viewOn !== 'string' || viewOn === '')
    throw new CommandError('BadValue', "'viewOn' must be a non-empty string");
  const stages = pipeline ?? [];
  if (
    !Array.isArray(stages) ||
    stages.some((s) => !isPlainObject(s) || Object.keys(s).length !== 1)
  )
    throw new CommandError('TypeMismatch', "'pipeline' must be an array of stage documents");
  for (const stage of stages as Document[]) {
    const [name = ''] = Object.keys(stage);
    if (name === '$out' || name === '$merge' || name === '$changeStream')
      throw new CommandError(
        'OptionNotSupportedOnView',
        `${name} cannot be used in a view definition`,
      );
  }
  checkPipeline(stages as Document[]);
  return { viewOn, pipeline: stages as Document[] };
}

/** Creates view `name` (NamespaceExists when a collection or view has that name). */
export function createView(
  engine: Engine,
  db: string,
  name: string,
  definition: ViewDefinition,
): void {
  if (engine.collection(db, name) || viewDefinition(engine, db, name))
    throw new CommandError('NamespaceExists', `Namespace ${db}.${name} already exists`);
  const { collection } = engine.ensureCollection(db, VIEWS_COLLECTION);
  engine.applyWrite(collection, { kind: 'insert', doc: { _id: `${db}.${name}`, ...definition } });
  try {
    resolveView(engine, db, name);
  } catch (error) {
    engine.applyWrite(collection, { kind: 'delete', id: canonicalKey(`${db}.${name}`) });
    throw error;
  }
}

/** Replaces a view's definition (collMod), refused when it would make a cycle. */
export function modifyView(
  engine: Engine,
  db: string,
  name: string,
  definition: ViewDefinition,
): void {
  const views = engine.collection(db, VIEWS_COLLECTION) as NonNullable<
    ReturnType<Engine['collection']>
  >;
  const id = canonicalKey(`${db}.${name}`);
  const previous = views.docs.get(id)?.doc as Document;
  engine.applyWrite(views, { kind: 'replace', id, doc: { _id: `${db}.${name}`, ...definition } });
  try {
    resolveView(engine, db, name);
  } catch (error) {
    engine.applyWrite(views, { kind: 'replace', id, doc: previous });
    throw error;
  }
}

/** Drops view `name`; whether it was one. */
export function dropView(engine: Engine, db: string, name: string): boolean {
  const views = engine.collection(db, VIEWS_COLLECTION);
  const id = canonicalKey(`${db}.${name}`);
  if (!views?.docs.has(id)) return false;
  engine.applyWrite(views, { kind: 'delete', id });
  return true;
}

/** A view's documents for `$lookup` and `$unionWith`: its pipeline run over its source's (views). */
export function viewDocuments(
  pipeline: Document[],
  docs: Document[],
  options: Partial<Options>,
): Document[] {
  const stages = withMongoRegExps(toView(pipeline) as Document[]);
  return new Aggregator(stages, options).run(docs) as Document[];
}
