/**
 * The transpiler's public API: TypeScript logic files (docs/typescript-subset.md) ->
 * BrightScript functions. Three stages: check the subset (collect every diagnostic), lower
 * to a BrightScript AST (and write out the calls of `@inline` functions), print. Nothing is
 * emitted when there is any diagnostic.
 */
import * as path from 'path';
import { ModuleKind, ModuleResolutionKind, Project, ScriptTarget, SourceFile, ts } from 'ts-morph';
import { checkFiles } from './check';
import { REPO_ROOT, type Diagnostic } from './diagnostics';
import { isInlineFunction } from './check-inline';
import { inlineCalls } from './inline';
import { lowerFunction } from './lower';
import { functionBrsName } from './names';
import { printProgram } from './printer';
import type { FunctionDecl } from './brs-ast';

export { formatDiagnostic, type Diagnostic } from './diagnostics';

export interface TranspileOptions {
  /** Absolute paths of the logic `.ts` files to transpile, in output order. */
  files: string[];
  /** A tsconfig to take compiler options from; the defaults suit src-ts/logic otherwise. */
  tsConfigFilePath?: string;
}

export interface TranspileResult {
  /** Every subset violation and TypeScript error, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** The printed BrightScript of all functions (newline-terminated), or '' when there are diagnostics. */
  functions: string;
  /** The BrightScript names of the emitted functions (`mParticle_<name>`), in output order; [] with diagnostics. */
  functionNames: string[];
  /** The logic file each of `functionNames` comes from, relative to the repository root (`src-ts/logic/media.ts`). */
  functionFiles: string[];
}

/** Virtual path of `transpileSource` input: inside src-ts/logic, so `../schema` resolves. */
export const INLINE_FILE = path.join(REPO_ROOT, 'src-ts', 'logic', '__inline__.ts');

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ScriptTarget.ES2022,
  module: ModuleKind.CommonJS,
  moduleResolution: ModuleResolutionKind.Node10,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

function run(sourceFiles: SourceFile[]): TranspileResult {
  const logicPaths = new Set(sourceFiles.map((f) => path.normalize(f.getFilePath())));
  const isLogicFile = (p: string) => logicPaths.has(path.normalize(p));
  const diagnostics = checkFiles(sourceFiles, isLogicFile).sort(compareDiagnostics);
  if (diagnostics.length > 0) return { diagnostics, functions: '', functionNames: [], functionFiles: [] };
  const declarations = sourceFiles.flatMap((sf) => sf.getFunctions().filter((fn) => fn.hasBody()));
  const inlineNames = new Set(declarations.filter(isInlineFunction).map((fn) => functionBrsName(fn.getName()!)));
  const functions: FunctionDecl[] = inlineCalls(declarations.map((fn) => lowerFunction(fn, isLogicFile)), inlineNames);
  const functionFiles = declarations.map((fn) => path.relative(REPO_ROOT, fn.getSourceFile().getFilePath()).split(path.sep).join('/'));
  return { diagnostics: [], functions: printProgram(functions), functionNames: functions.map((f) => f.name), functionFiles };
}

/** Transpiles logic files from disk. */
export function transpile(options: TranspileOptions): TranspileResult {
  const project = options.tsConfigFilePath
    ? new Project({ tsConfigFilePath: options.tsConfigFilePath, skipAddingFilesFromTsConfig: true })
    : new Project({ compilerOptions: COMPILER_OPTIONS });
  const sourceFiles = options.files.map((f) => project.addSourceFileAtPath(path.resolve(f)));
  project.resolveSourceFileDependencies();
  return run(sourceFiles);
}

let sharedProject: Project | undefined;

/**
 * Transpiles one in-memory source text (for tests). The text is placed at
 * `src-ts/logic/__inline__.ts` (or `fileName`, relative to the repository root), so it can
 * import the real schema with `from '../schema'`.
 */
export function transpileSource(sourceText: string, fileName?: string): TranspileResult {
  sharedProject ??= new Project({ compilerOptions: COMPILER_OPTIONS });
  const filePath = fileName ? path.resolve(REPO_ROOT, fileName) : INLINE_FILE;
  const sf = sharedProject.createSourceFile(filePath, sourceText, { overwrite: true });
  try {
    sharedProject.resolveSourceFileDependencies();
    return run([sf]);
  } finally {
    sharedProject.removeSourceFile(sf);
  }
}
