/**
 * bsconfig.json validates the staged sample channel (its code plus generated/) with bsc and
 * bslint. This builds the channel into a temporary out dir and runs bsc with the project's
 * bsconfig.json pointed there: zero errors.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ProgramBuilder } from 'brighterscript';
import { buildSampleChannel } from '../../scripts/build';
import { tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

describe('bsconfig.json: the sample channel with the generated SDK', function () {
  this.timeout(120000);
  let tmp: ReturnType<typeof tempDir>;
  before(() => {
    tmp = tempDir('mp-bsconfig-');
  });
  after(() => tmp.cleanup());

  it('passes bsc and bslint with zero errors', async () => {
    const { stagingDir } = await buildSampleChannel({ outDir: path.join(tmp.dir, 'out'), env: {}, localConfigPath: false, log: () => undefined });
    const bsconfig = JSON.parse(readFileSync(path.join(ROOT, 'bsconfig.json'), 'utf8'));
    const builder = new ProgramBuilder();
    await builder.run({
      ...bsconfig,
      project: undefined,
      cwd: ROOT,
      rootDir: stagingDir,
      lintConfig: path.join(ROOT, 'bslint.json'),
      showDiagnosticsInConsole: false,
      logLevel: 'error',
    });
    type Diagnostic = { severity?: number; code?: unknown; message: string; range?: { start: { line: number } }; file: { srcPath: string } };
    const errors = (builder.getDiagnostics() as unknown as Diagnostic[]).filter((d) => d.severity === 1);
    const report = errors.map((d) => `${path.relative(stagingDir, d.file.srcPath)}:${(d.range?.start.line ?? -1) + 1} ${String(d.code)} ${d.message}`);
    assert.deepEqual(report, []);
  });
});
