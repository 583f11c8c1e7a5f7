/**
 * A mocha root-hook plugin (.mocharc.json `require`) that fails the run when a test, or a tool
 * a test runs in this process (build, deploy, the generator...), touches a path outside the
 * checkout: the project and its tests read nothing but the repository, its node_modules, the
 * temp directory and the machine's own files (Node, Chromium, /etc, /proc...). A sibling of the
 * checkout (a folder beside the repository) or any other place a user's machine does not have is reported with
 * the test that touched it, in a failing root "after all" hook.
 *
 * Child processes (npm, tsx, bsc) are not watched here; `.ci/run` runs the suite from a fresh
 * clone in an empty temp directory, where no sibling exists for them to read either.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// The module object itself (an import gives a read-only namespace): what every caller's fs is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs: typeof import('node:fs') = require('node:fs');

const ROOT = path.resolve(__dirname, '..', '..');

const real = (p: string) => {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
};

const TMP = real(os.tmpdir());
/** The checkout, also as its real path, and node_modules where it really is (a symlink in worktrees). */
const INSIDE = [...new Set([ROOT, real(ROOT), real(path.join(ROOT, 'node_modules')), os.tmpdir(), TMP])];
/** The machine's own files: Node, Debian's Chromium and their libraries, devices, process info. */
const MACHINE = [
  ...['/usr', '/etc', '/proc', '/sys', '/dev', '/lib', '/lib64', '/bin', '/sbin', '/opt', '/var/lib', '/run'],
  // playwright-core keeps its browser registry lock there when it launches Chromium (any machine).
  path.join(os.homedir(), '.cache', 'ms-playwright'),
];
/** Siblings of the checkout are never the project's (unless the checkout sits in the temp directory itself). */
const PARENT = path.dirname(real(ROOT));

const within = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** The directories above the checkout and above node_modules, up to `/`. */
const ANCESTORS = new Set<string>();
for (const start of INSIDE.slice(0, 3)) {
  for (let d = path.dirname(start); ; d = path.dirname(d)) {
    ANCESTORS.add(d);
    if (d === path.dirname(d)) break;
  }
}
/** What module resolution and TypeScript look for in every directory above a file. */
const LOOKUPS = new Set(['node_modules', 'package.json', 'tsconfig.json', 'jsconfig.json', 'bsconfig.json', 'rokudeploy.json']);

/** A module-resolution probe: `<a directory above the checkout>/node_modules/...`, `/package.json`... */
function resolutionProbe(p: string): boolean {
  for (let d = path.dirname(p); ; d = path.dirname(d)) {
    if (ANCESTORS.has(d)) return LOOKUPS.has(p.slice(d.length).split(path.sep).filter(Boolean)[0] ?? '');
    if (d === path.dirname(d)) return false;
  }
}

/** Whether `p` (absolute) is a place the project may touch. */
export function allowedPath(p: string): boolean {
  if (INSIDE.some((d) => within(p, d))) return true;
  if (resolutionProbe(p)) return true;
  // TypeScript tells whether the file system ignores case by looking for a path with its case swapped.
  if (INSIDE.some((d) => within(p.toLowerCase(), d.toLowerCase()))) return true;
  if (PARENT !== TMP && within(p, PARENT)) return false;
  return MACHINE.some((d) => within(p, d));
}

const touched = new Map<string, string>();
let current = '(loading the test files)';

function note(arg: unknown): void {
  let p: string;
  if (typeof arg === 'string') p = arg;
  else if (arg instanceof URL) {
    if (arg.protocol !== 'file:') return;
    p = fileURLToPath(arg);
  } else if (Buffer.isBuffer(arg)) p = arg.toString();
  else return;
  const abs = path.resolve(p);
  if (!allowedPath(abs) && !touched.has(abs)) touched.set(abs, current);
}

/** Wraps `obj[name]` so that its path arguments (the first `paths` ones) are checked first. */
function watch(obj: Record<string, unknown>, names: string[], paths = 1): void {
  for (const name of names) {
    const original = obj[name];
    if (typeof original !== 'function') continue;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      for (let i = 0; i < paths; i++) note(args[i]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    // Keep properties such as realpathSync.native and promisify.custom.
    Object.assign(wrapped, original);
    obj[name] = wrapped;
  }
}

const ONE_PATH = [
  'readFileSync', 'readFile', 'openSync', 'open', 'existsSync', 'exists', 'statSync', 'stat', 'lstatSync', 'lstat',
  'readdirSync', 'readdir', 'opendirSync', 'opendir', 'accessSync', 'access', 'createReadStream', 'createWriteStream',
  'writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'mkdirSync', 'mkdir', 'rmSync', 'rm', 'unlinkSync', 'unlink',
  'rmdirSync', 'rmdir', 'readlinkSync', 'readlink', 'chmodSync', 'chmod', 'utimesSync', 'utimes', 'watch', 'watchFile',
];
const TWO_PATHS = ['copyFileSync', 'copyFile', 'cpSync', 'cp', 'renameSync', 'rename', 'symlinkSync', 'symlink', 'linkSync', 'link'];
watch(fs as unknown as Record<string, unknown>, ONE_PATH);
watch(fs as unknown as Record<string, unknown>, TWO_PATHS, 2);
watch(fs.promises as unknown as Record<string, unknown>, ONE_PATH);
watch(fs.promises as unknown as Record<string, unknown>, TWO_PATHS, 2);

function check(): void {
  if (touched.size === 0) return;
  const list = [...touched].slice(0, 20).map(([p, where]) => `  ${p}  (in or after: ${where})`);
  throw new Error(
    `the tests touched ${touched.size} path(s) outside the checkout ${ROOT}; a fresh clone has nothing there. ` +
      `Put what the test needs into the repository (a fixture) or the temp directory:\n${list.join('\n')}`,
  );
}

export const mochaHooks = {
  // The check is added to the root suite once every test file is loaded, so that it runs after
  // the root "after all" hooks of the files (closing the browser...): a failing hook skips the
  // hooks after it, and a browser left open would keep mocha from exiting.
  beforeAll(this: Mocha.Context) {
    const root = this.test?.parent;
    if (!root) throw new Error('checkout-only: no root suite');
    root.afterAll('checkout-only: nothing outside the checkout was touched', check);
  },
  beforeEach(this: Mocha.Context) {
    current = this.currentTest?.fullTitle() ?? current;
  },
};
