/**
 * `npm run live -- --demo` posts a signed demo session to itself (a conforming one: 202, no
 * violation), and ends with the npm that started it: killing npm (SIGTERM, as a CI runner or a
 * process manager does) used to leave tsx and the server behind, still bound to the port.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('npm run live and its parent', function () {
  this.timeout(120000);

  it('--demo shows a signed session; the server stops once the npm process that started it is killed', async () => {
    const npm = spawn('npm', ['run', '--silent', 'live', '--', '--port', '0', '--host', '127.0.0.1', '--demo'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout.on('data', (d) => (out += d));
    npm.stderr.on('data', (d) => (out += d));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const check = () => {
          const m = /\[live\] event view: http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (m && /--demo: posted one signed media session/.test(out) && /e Media Session Summary/.test(out)) resolve(Number(m[1]));
        };
        npm.stdout.on('data', check);
        npm.once('exit', () => reject(new Error(`npm run live exited before listening:\n${out}`)));
      });
      assert.equal(await listening(port), true);
      assert.match(out, /--demo: posted one signed media session, answered 202/, out);
      assert.match(out, /e Media Session Summary/, out);
      assert.doesNotMatch(out, /!!|BAD SIGNATURE|UNSIGNED/, out);
      process.kill(npm.pid!, 'SIGTERM');
      // Waits for the state (the port closed), with a bound only for a hang.
      const deadline = Date.now() + 60000;
      while (await listening(port)) {
        assert.ok(Date.now() < deadline, `port ${port} still served 60 s after npm was killed\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      try {
        process.kill(-npm.pid!, 'SIGKILL');
      } catch {
        // the group is gone
      }
    }
  });
});
