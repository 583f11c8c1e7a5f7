import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OPTIONS } from '../../src-ts/schema';

describe('README', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

  it('starts with the two commands: the main job, then the tests', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\s+#.*$/, ''));
    // A fresh clone has no credentials: the first build says so, .ci/run runs these two.
    assert.deepEqual(commands, ['npm ci && npm run build -- --allow-no-credentials', 'npm test']);
  });

  it('documents every option of the schema with its type and default', () => {
    for (const o of OPTIONS) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${o.name}\` |`));
      assert.ok(row, `README has no row for option ${o.name}`);
      const cells = row.split('|').map((c) => c.trim());
      assert.equal(cells[2], o.type, `type of ${o.name}`);
      if (o.required) assert.equal(cells[3], 'required', `${o.name} is required`);
      else if (o.default === null) assert.equal(cells[3], 'none', `${o.name} has no default`);
      else assert.ok(cells[3].includes(String(o.default)), `default of ${o.name}: ${cells[3]} should show ${String(o.default)}`);
    }
  });
});
