import fc from 'fast-check';
import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

// Model-based: random sequences of GET / PATCH / DELETE with random preconditions against one
// book, each answer checked against what RFC 9110 says for the modelled version, and the stored
// document against the model after every step.
const f = useLibrary('api_conditional_property');

interface Model {
  exists: boolean;
  version: number;
  title: string;
}
interface Real {
  readonly id: string;
}

/** A precondition relative to the current version, so sequences stay meaningful as it moves. */
type Tag = 'none' | 'star' | 'current' | 'weak-current' | 'stale' | 'future' | 'list-with-current';
const tagArb = fc.constantFrom<Tag>(
  'none',
  'star',
  'current',
  'weak-current',
  'stale',
  'future',
  'list-with-current',
);
const header = (tag: Tag, version: number): string | undefined =>
  ({
    none: undefined,
    star: '*',
    current: `"${version}"`,
    'weak-current': `W/"${version}"`,
    stale: `"${Math.max(0, version - 1)}"`,
    future: `"${version + 1}"`,
    'list-with-current': `"${version + 5}", "${version}"`,
  })[tag];

const strongMatch = (tag: Tag, version: number) =>
  tag === 'none' ||
  tag === 'star' ||
  tag === 'current' ||
  tag === 'list-with-current' ||
  (tag === 'stale' && version === 0);
const weakMatch = (tag: Tag) => tag !== 'none' && tag !== 'stale' && tag !== 'future';

const stored = async (id: string) =>
  f.db
    .collection('books')
    .findOne({ _id: new ObjectId(id) }, { projection: { title: 1, version: 1 } });

/** One request to the book, with the tag's precondition header when there is one. */
function send(
  route: 'getBook' | 'updateBook' | 'deleteBook',
  real: Real,
  header: { readonly name: string; readonly value: string | undefined },
  body?: object,
) {
  return f.api.call(route, {
    ...byId('/books/{id}', real.id),
    ...(body ? { body } : {}),
    ...(header.value === undefined ? {} : { headers: { [header.name]: header.value } }),
  });
}

abstract class TagCommand implements fc.AsyncCommand<Model, Real> {
  readonly tag: Tag;
  constructor(tag: Tag) {
    this.tag = tag;
  }
  check = () => true;
  abstract run(model: Model, real: Real): Promise<void>;
}

class Patch extends TagCommand {
  readonly title: string;
  constructor(tag: Tag, title: string) {
    super(tag);
    this.title = title;
  }
  override async run(model: Model, real: Real) {
    const value = header(this.tag, model.version);
    const answer = await send(
      'updateBook',
      real,
      { name: 'if-match', value },
      { title: this.title },
    );
    if (!model.exists) expect(answer.status).toBe(404);
    else if (strongMatch(this.tag, model.version)) {
      expect(answer.status).toBe(200);
      model.version += 1;
      model.title = this.title;
      expect(answer.headers.etag).toBe(`"${model.version}"`);
    } else expect(answer.status).toBe(412);
    const doc = await stored(real.id);
    expect(doc && { title: doc.title, version: doc.version }).toEqual(
      model.exists ? { title: model.title, version: model.version } : null,
    );
  }
  override toString() {
    return `PATCH(${this.tag}, ${this.title})`;
  }
}

class Get extends TagCommand {
  override async run(model: Model, real: Real) {
    const value = header(this.tag, model.version);
    const answer = await send('getBook', real, { name: 'if-none-match', value });
    if (!model.exists) return void expect(answer.status).toBe(404);
    expect(answer.status).toBe(weakMatch(this.tag) ? 304 : 200);
    expect(answer.headers.etag).toBe(`"${model.version}"`);
  }
  override toString() {
    return `GET(${this.tag})`;
  }
}

class Delete extends TagCommand {
  override async run(model: Model, real: Real) {
    const value = header(this.tag, model.version);
    const answer = await send('deleteBook', real, { name: 'if-match', value });
    if (!model.exists) expect(answer.status).toBe(404);
    else if (strongMatch(this.tag, model.version)) {
      expect(answer.status).toBe(204);
      model.exists = false;
    } else expect(answer.status).toBe(412);
    expect((await stored(real.id)) !== null).toBe(model.exists);
  }
  override toString() {
    return `DELETE(${this.tag})`;
  }
}

describe('property: conditional requests follow the version', () => {
  it('every answer and the stored book match the model', async () => {
    const authorId = await f.author('Model');
    const commands = fc.commands(
      [
        fc.tuple(tagArb, fc.constantFrom('A', 'B', 'C')).map(([t, title]) => new Patch(t, title)),
        tagArb.map((t) => new Get(t)),
        tagArb.map((t) => new Delete(t)),
      ],
      { maxCommands: 12 },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const created = await f.api.call('createAuthorBook', {
          ...byId('/authors/{id}/books', authorId),
          body: { title: 'Start', year: 2000 },
        });
        const model: Model = { exists: true, version: 1, title: 'Start' };
        await fc.asyncModelRun(() => ({ model, real: { id: created.body._id } }), cmds);
      }),
      { numRuns: 40 },
    );
  });
});
