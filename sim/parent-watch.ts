/**
 * Ends a long-running command (`live`, `sim`) with the command that started it. `npm run live`
 * runs `sh -c tsx ...`, tsx runs node: when npm is killed (SIGTERM), sh goes but tsx, reparented,
 * and the server below it lived on, still bound to its port. So the command watches its
 * ancestors up to the npm (or npx) that started it and stops when one of them is gone.
 */
import { readFileSync } from 'node:fs';

/** Parent pid and command line of `pid` from /proc (Linux), or undefined elsewhere. */
function procInfo(pid: number): { ppid: number; cmd: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; the fields after it are fixed.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { ppid, cmd };
  } catch {
    return undefined;
  }
}

/** The pids to watch: parents up to the nearest npm/npx (included), or only the direct parent when none is found. */
export function watchedAncestors(start = process.ppid): number[] {
  const chain: number[] = [];
  for (let pid = start; pid > 1 && chain.length < 16; ) {
    chain.push(pid);
    const info = procInfo(pid);
    if (!info) break;
    if (/(^|[\s/])(npm|npx)(-cli\.js)?(\s|$)|npm-cli\.js|npx-cli\.js/.test(info.cmd)) return chain;
    pid = info.ppid;
  }
  return chain.slice(0, 1);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls `onGone` once when a watched ancestor has exited; returns the function that stops watching. */
export function endWithParent(onGone: () => void, everyMillis = 500): () => void {
  const pids = watchedAncestors();
  const timer = setInterval(() => {
    if (pids.some((p) => !alive(p)) || process.ppid === 1) {
      clearInterval(timer);
      onGone();
    }
  }, everyMillis);
  timer.unref();
  return () => clearInterval(timer);
}
