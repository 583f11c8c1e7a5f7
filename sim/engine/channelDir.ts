import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileTree } from './zip';

/**
 * Reads a channel directory (manifest, source/, components/, ...) into a file tree.
 * `requireManifest: false` reads a partial tree meant to be merged with others.
 */
export function readChannelDir(dir: string, { requireManifest = true } = {}): FileTree {
  const out: FileTree = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split(sep).join('/')] = readFileSync(full);
    }
  };
  walk(dir);
  if (requireManifest && !('manifest' in out)) throw new Error(`${dir}: no manifest at the channel root`);
  return out;
}
