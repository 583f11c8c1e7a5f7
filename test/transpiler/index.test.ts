/**
 * The public API on files from disk: several files with calls between them, names that
 * collide across files, and the repository's own logic (which must transpile and compile).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transpile, formatDiagnostic } from '../../src-ts/transpiler';
import { formatBscDiagnostics, runtimeBrs, validateBrs } from '../helpers/bsc';

const LOGIC_DIR = path.resolve(__dirname, '../../src-ts/logic');

function writeTemp(files: Record<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transpile-'));
  return Object.entries(files).map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
}

describe('transpiler: transpile() on files', function () {
  this.timeout(120000);

  it('renames calls into another logic file and lists the functions in file order', () => {
    const files = writeTemp({
      'a.ts': "export function twice(s: string): string {\n  return s + s;\n}\n",
      'b.ts': "import { twice } from './a';\nexport function quad(s: string): string {\n  return twice(twice(s));\n}\n",
    });
    const result = transpile({ files });
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), []);
    assert.deepEqual(result.functionNames, ['mParticle_twice', 'mParticle_quad']);
    assert.equal(
      result.functions,
      'function mParticle_twice(s as string) as string\n    return s + s\nend function\n\n' +
        'function mParticle_quad(s as string) as string\n    return mParticle_twice(mParticle_twice(s))\nend function\n',
    );
  });

  it('rejects function names that collide across files ignoring case (MPT1032)', () => {
    const files = writeTemp({
      'a.ts': "export function reset(): string {\n  return 'a';\n}\n",
      'b.ts': "export function Reset(): string {\n  return 'b';\n}\n",
    });
    const result = transpile({ files });
    assert.deepEqual(result.diagnostics.map((d) => `${path.basename(d.file)}:${d.line}:${d.column} ${d.code}`), ['b.ts:1:17 MPT1032']);
    assert.match(result.diagnostics[0].message, /collides with `reset \(a\.ts\)`/);
    assert.equal(result.functions, '');
  });

  it("transpiles the repository's logic files, and bsc accepts the output with the runtime", async () => {
    const files = fs.readdirSync(LOGIC_DIR).filter((f) => f.endsWith('.ts')).map((f) => path.join(LOGIC_DIR, f));
    const result = transpile({ files });
    assert.equal(result.diagnostics.map(formatDiagnostic).join('\n'), '');
    assert.ok(result.functionNames.length > 0);
    const diagnostics = await validateBrs(
      { 'source/mParticleRuntime.brs': runtimeBrs(), 'source/logic.brs': result.functions },
      { maxSeverity: 1 },
    );
    assert.equal(formatBscDiagnostics(diagnostics), '');
  });
});
