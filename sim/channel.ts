/**
 * A channel as `mparticle-roku sim --channel` runs it: a directory or a .zip, with the
 * generated SDK laid over it when it has no mParticleTask of its own, and the development
 * manifest keys that send its analytics to the local collector.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readChannelDir } from './engine/channelDir';
import { readZip, type FileTree } from './engine/zip';

/** generated/: the SDK laid out like a channel (source/, components/) beside its docs. */
export const GENERATED_DIR = path.join(__dirname, '..', 'generated');

/** Folders of generated/ that are channel files; the rest (API.md, dataplan.json) is not. */
const SDK_FOLDERS = ['source', 'components'];

/** The manifest keys the SDK reads as development overrides (src-ts/logic/core-options.ts coreManifestOverrides). */
export const MANIFEST_ENDPOINT_KEY = 'mparticle_endpoint';
export const MANIFEST_UPLOAD_INTERVAL_KEY = 'mparticle_upload_interval_ms';

/** A channel the tool cannot run; the message says why and what to do. */
export class ChannelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelInputError';
  }
}

/** Options of {@link stageChannel}. */
export interface StageOptions {
  /** Base URL written as `mparticle_endpoint`: where the SDK sends events and identity calls. */
  endpoint: string;
  /** Written as `mparticle_upload_interval_ms` when given. */
  uploadIntervalMillis?: number;
  /** The SDK to overlay; default generated/ beside this package. */
  sdkDir?: string;
}

/** What {@link stageChannel} made. */
export interface StagedChannel {
  files: FileTree;
  /** `overlaid`: the generated SDK was laid over the channel; `own`: the channel's own copy runs. */
  sdk: 'overlaid' | 'own';
  /** For `own`: the file that declares the channel's mParticleTask. For `overlaid`: the files added or replaced. */
  sdkFiles: string[];
  /** One line saying which SDK runs and which manifest keys were written. */
  describe: string[];
}

/** Top-level folders of a channel repository that are not part of the channel package. */
const NOT_CHANNEL = new Set(['node_modules', 'out', 'dist']);

/**
 * The channel folder of a repository: `rootDir` of its bsconfig.json when it names one with a
 * manifest, else the folder itself.
 */
export function channelRoot(dir: string): string {
  const bsconfig = path.join(dir, 'bsconfig.json');
  if (existsSync(bsconfig)) {
    try {
      const rootDir = (JSON.parse(readFileSync(bsconfig, 'utf8')) as { rootDir?: unknown }).rootDir;
      if (typeof rootDir === 'string' && existsSync(path.join(dir, rootDir, 'manifest'))) return path.join(dir, rootDir);
    } catch {
      // Not JSON (bsconfig allows comments): the folder itself.
    }
  }
  return dir;
}

/**
 * Reads a channel folder or package (.zip). From a folder: the manifest and every top-level
 * folder but node_modules/, out/, dist/ and hidden ones (a channel repository run as `--channel .`);
 * other top-level files stay out. A zip whose files all sit in one folder is taken from that folder.
 */
export function readChannel(source: string): FileTree {
  if (!existsSync(source)) throw new ChannelInputError(`${source}: no such file or directory (pass a channel folder with a manifest, or its .zip)`);
  if (statSync(source).isDirectory()) {
    const root = channelRoot(source);
    if (!existsSync(path.join(root, 'manifest'))) throw new ChannelInputError(`${source}: no manifest at the channel root`);
    const files: FileTree = { manifest: readFileSync(path.join(root, 'manifest')) };
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || NOT_CHANNEL.has(entry.name)) continue;
      for (const [name, body] of Object.entries(readChannelDir(path.join(root, entry.name), { requireManifest: false }))) files[`${entry.name}/${name}`] = body;
    }
    return files;
  }
  let files = readZip(readFileSync(source), source);
  if (!('manifest' in files)) {
    const tops = new Set(Object.keys(files).map((f) => f.split('/')[0]));
    const [top] = tops;
    if (tops.size === 1 && `${top}/manifest` in files) {
      files = Object.fromEntries(Object.entries(files).map(([k, v]) => [k.slice(top.length + 1), v]));
    } else {
      throw new ChannelInputError(`${source}: no manifest at the root of the package`);
    }
  }
  return files;
}

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : Buffer.from(v).toString('utf8'));

/** The channel's own declaration of mParticleTask (also under a ropm prefix), if any. */
export function ownTaskComponent(files: FileTree): string | undefined {
  return Object.keys(files)
    .sort()
    .find((f) => f.toLowerCase().endsWith('.xml') && /<component\s[^>]*name\s*=\s*"(?:\w+_)?mParticleTask"/i.test(text(files[f])));
}

/** The generated SDK's channel files, whatever generated/ holds. */
export function sdkFiles(sdkDir = GENERATED_DIR): FileTree {
  const out: FileTree = {};
  for (const folder of SDK_FOLDERS) {
    const dir = path.join(sdkDir, folder);
    if (!existsSync(dir)) continue;
    for (const [name, body] of Object.entries(readChannelDir(dir, { requireManifest: false }))) out[`${folder}/${name}`] = body;
  }
  if (Object.keys(out).length === 0) throw new ChannelInputError(`${sdkDir}: no SDK files (source/, components/); run npm run generate`);
  return out;
}

/** `manifest` with `key=value` for each entry, replacing earlier lines of those keys. */
export function withManifestKeys(manifest: string, keys: Record<string, string>): string {
  const names = new Set(Object.keys(keys));
  const kept = manifest
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !names.has(line.split('=')[0].trim()));
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return `${[...kept, ...Object.entries(keys).map(([k, v]) => `${k}=${v}`)].join('\n')}\n`;
}

/** The channel with the SDK it will run and the manifest keys of the run. */
export function stageChannel(files: FileTree, opts: StageOptions): StagedChannel {
  if (!('manifest' in files)) throw new ChannelInputError('the channel has no manifest');
  const own = ownTaskComponent(files);
  const staged: FileTree = { ...files };
  let added: string[] = [];
  if (!own) {
    const sdk = sdkFiles(opts.sdkDir);
    added = Object.keys(sdk).sort();
    Object.assign(staged, sdk);
  }
  const keys: Record<string, string> = { [MANIFEST_ENDPOINT_KEY]: opts.endpoint.replace(/\/+$/, '') };
  if (opts.uploadIntervalMillis !== undefined) keys[MANIFEST_UPLOAD_INTERVAL_KEY] = String(Math.round(opts.uploadIntervalMillis));
  staged.manifest = withManifestKeys(text(files.manifest), keys);
  const describe = [
    own
      ? `[sim] SDK: the channel's own copy (mParticleTask declared in ${own}); the generated SDK is not overlaid`
      : `[sim] SDK: the generated SDK overlaid at source/mparticle/ and components/ (${added.length} files)`,
    `[sim] manifest: ${Object.entries(keys).map(([k, v]) => `${k}=${v}`).join(', ')} (development overrides the SDK honours; never ship them)`,
  ];
  return { files: staged, sdk: own ? 'own' : 'overlaid', sdkFiles: own ? [own] : added, describe };
}
