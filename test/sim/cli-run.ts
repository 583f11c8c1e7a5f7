/** Runs the sim's command line as a child process, as a CI step does: its exit code and output. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** Runs `npm run sim -- args` to its end; a run past `deadlineMs` (a hang, not slowness) is killed. */
export function runSimCli(args: string[], deadlineMs = 240000, cwd = ROOT, command = ['npm', 'run', '--silent', 'sim', '--']): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // detached: a hung run can be ended with its browser, by process group.
    const child = spawn(command[0], [...command.slice(1), ...args], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`${command.join(' ')} ${args.join(' ')} did not exit within ${deadlineMs} ms\n${stdout}\n${stderr}`));
    }, deadlineMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

