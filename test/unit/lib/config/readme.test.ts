import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '#lib/config/schema.ts';

/** The variable rows (`| \`NAME\` | default | meaning |`) of a Markdown file. */
async function variableRows(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text.split('\n').filter((line) => /^\| `[A-Z][A-Z0-9_]*`/.test(line));
}

describe('the configuration tables', () => {
  it("README.md carries lib/config/README.md's variable rows word for word", async () => {
    const source = await variableRows('lib/config/README.md');
    const copy = new Set(await variableRows('README.md'));
    expect(source.length).toBeGreaterThan(20);
    expect(source.filter((row) => !copy.has(row))).toEqual([]);
  });

  it('lib/config/README.md has a row for every variable of the schema', async () => {
    const named = new Set(
      (await variableRows('lib/config/README.md')).map((row) => row.split('`')[1]),
    );
    const variables = Object.keys(EnvSchema.shape);
    expect(variables.filter((name) => !named.has(name))).toEqual([]);
  });
});
