/**
 * Validates BrightScript with BrighterScript's compiler (bsc), the way a channel build would.
 * Reused by every suite that wants to know "would this compile on a Roku".
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProgramBuilder } from 'brighterscript';
import { emitRuntime } from '../../src-ts/generator/emit-runtime';

/** One problem bsc (or a plugin such as bslint) found. */
export interface BscDiagnostic {
  /** Path relative to the temporary root, e.g. `source/main.brs`. */
  file: string;
  /** 1-based line and column. */
  line: number;
  column: number;
  code: string;
  /** 1 = error, 2 = warning, 3 = information, 4 = hint (LSP DiagnosticSeverity). */
  severity: number;
  message: string;
}

export interface ValidateOptions {
  /** bsc plugins, e.g. `['@rokucommunity/bslint']`. */
  plugins?: string[];
  /** Only diagnostics at or above this severity (default: all). */
  maxSeverity?: number;
  /** bslint rules file; default: the repository's bslint.json (bslint would otherwise read ./bslint.json of the cwd). */
  lintConfig?: string;
}

const REPO_BSLINT = path.resolve(__dirname, '../../bslint.json');

interface RawDiagnostic {
  file: { srcPath: string };
  range?: { start: { line: number; character: number } };
  code: string | number;
  severity?: number;
  message: string;
}

/** The runtime that transpiled code calls into: its template with the generated type tests (emit-runtime.ts). */
export const runtimeBrs = (): string => `${emitRuntime()}\n`;

/**
 * Writes `files` (path relative to a channel root -> text) to a temporary channel, runs bsc
 * on it without packaging, and returns its diagnostics. The temporary root is removed.
 */
export async function validateBrs(files: Record<string, string>, options: ValidateOptions = {}): Promise<BscDiagnostic[]> {
  const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bsc-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(rootDir, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, text);
    }
    if (!files['manifest']) {
      fs.writeFileSync(path.join(rootDir, 'manifest'), 'title=bsc validation\nmajor_version=1\nminor_version=0\nbuild_version=0\n');
    }
    const builder = new ProgramBuilder();
    await builder.run({
      rootDir,
      cwd: rootDir,
      files: ['manifest', 'source/**/*', 'components/**/*'],
      createPackage: false,
      copyToStaging: false,
      showDiagnosticsInConsole: false,
      logLevel: 'error',
      // bsc resolves plugins from cwd (the temporary root): pass them resolved from here
      plugins: (options.plugins ?? []).map((name) => require.resolve(name)),
      ...(options.lintConfig || fs.existsSync(REPO_BSLINT) ? { lintConfig: options.lintConfig ?? REPO_BSLINT } : {}),
    } as Parameters<ProgramBuilder['run']>[0]);
    const max = options.maxSeverity ?? 4;
    // bsc's diagnostic type comes from vscode-languageserver, whose typings are not installed here
    const raw = builder.getDiagnostics() as unknown as RawDiagnostic[];
    return raw
      .filter((d) => (d.severity ?? 1) <= max)
      .map((d) => ({
        file: path.relative(rootDir, d.file.srcPath),
        line: d.range ? d.range.start.line + 1 : 0,
        column: d.range ? d.range.start.character + 1 : 0,
        code: String(d.code),
        severity: d.severity ?? 1,
        message: d.message,
      }));
  } finally {
    fs.rmSync(rootDir, { recursive: true, force: true });
  }
}

/** One line per diagnostic, for assertion messages. */
export function formatBscDiagnostics(diagnostics: BscDiagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).join('\n');
}
