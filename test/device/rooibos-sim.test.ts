/**
 * Runs the Rooibos suites of test/device in the simulator (brs-engine + brs-scenegraph in
 * headless Chromium): builds the test channel exactly as `npm run test:device` does for a
 * real Roku (buildTestChannel), launches it with runChannel, and reads Rooibos's report.
 *
 * Suites listed in DEVICE_ONLY are left out of the simulator build (see README.md for why);
 * they still run on devices. Every other suite must run in full: the number of tests Rooibos
 * reports must equal the number of test cases written in the suites, so a suite that stops
 * silently (a crash Rooibos swallows, a suite that fails to register) fails this check.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildTestChannel } from '../../scripts/device-test';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';
import { schemaExpectedIsCurrent } from './schema-expected';

const SUITES_DIR = __dirname;

/** Suites that only run on a device, with the reason (also in README.md). */
export const DEVICE_ONLY: Record<string, string> = {};

/** Test cases written in a suite: one per `@it`, or one per `@params` row under it. */
export function countTestCases(source: string): number {
  let total = 0;
  let pending = 0; // an @it whose @params rows are being counted
  let params = 0;
  const flush = () => {
    if (pending) total += Math.max(1, params);
    pending = 0;
    params = 0;
  };
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line.startsWith("'")) continue;
    if (/^@it\b/i.test(line)) {
      flush();
      pending = 1;
    } else if (/^@params\b/i.test(line)) {
      params++;
    } else if (/^(function|sub)\b/i.test(line)) {
      flush();
    }
  }
  flush();
  return total;
}

const suiteFiles = () => readdirSync(SUITES_DIR).filter((f) => f.endsWith('.spec.bs')).sort();

/** One number from Rooibos's console report, e.g. `Total: 42`. */
function reportNumber(lines: string[], label: string): number | undefined {
  const re = new RegExp(`^\\s*${label}:\\s*(\\d+)\\s*$`);
  for (const l of lines) {
    const m = re.exec(l);
    if (m) return Number(m[1]);
  }
  return undefined;
}

describe('Rooibos suites (test/device) in the simulator', function () {
  // Build (~5 s with the pinned bsc) + one channel run of all suites.
  this.timeout(180000);
  let collector: Collector;
  let work: string;

  before(async () => {
    collector = await startCollector({ apiKey: 'us1-rooibos', apiSecret: 'rooibos-secret' });
    work = mkdtempSync(path.join(tmpdir(), 'mp-rooibos-sim-'));
  });
  after(async () => {
    await collector?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('schemaExpected.brs (what ConstantsTests compares with) is current with src-ts/schema', function () {
    assert.ok(schemaExpectedIsCurrent(), 'test/device/schemaExpected.brs is stale: run `npx tsx test/device/schema-expected.ts`');
  });

  it('every suite is either run here or listed as device-only with a reason', function () {
    const files = suiteFiles();
    assert.ok(files.length > 0, 'no suites in test/device');
    for (const f of Object.keys(DEVICE_ONLY)) assert.ok(files.includes(f), `DEVICE_ONLY names a missing suite ${f}`);
    for (const f of files) {
      const text = readFileSync(path.join(SUITES_DIR, f), 'utf8');
      // A skipped test would be reported as "Ignored", not run: none may be written.
      assert.doesNotMatch(text, /^\s*@(ignore|only)\b/im, `${f} has @ignore/@only`);
      assert.equal((text.match(/^\s*@suite\b/gim) ?? []).length, 1, `${f} must hold exactly one suite`);
      assert.ok(countTestCases(text) > 0, `${f} has no tests`);
    }
  });

  it('builds the test channel, runs it to PASS, and runs every test case', async function () {
    // Only the suites that can run here go into the simulator build.
    const suitesDir = path.join(work, 'suites');
    mkdirSync(suitesDir);
    let expected = 0;
    for (const f of readdirSync(SUITES_DIR)) {
      if (DEVICE_ONLY[f] || f.endsWith('.ts') || f.endsWith('.md')) continue;
      copyFileSync(path.join(SUITES_DIR, f), path.join(suitesDir, f));
      if (f.endsWith('.spec.bs')) expected += countTestCases(readFileSync(path.join(SUITES_DIR, f), 'utf8'));
    }
    const { stagingDir } = await buildTestChannel({ suitesDir, outDir: path.join(work, 'out'), log: () => undefined });

    // runChannel zips the staging directory itself (the same files as the device zip).
    const result = await runChannel({
      channel: { dir: stagingDir },
      collector,
      timeoutMs: 150000,
      until: (l) => l.includes('[Rooibos Shutdown]'),
    });
    const out = result.console;
    const text = out.join('\n');
    const resultLine = out.find((l) => l.includes('[Rooibos Result]:'));
    assert.ok(resultLine, `no [Rooibos Result] line (exit ${result.exitReason}):\n${out.slice(-60).join('\n')}`);
    assert.match(resultLine, /\[Rooibos Result\]:\s*PASS/, failures(out));
    assert.equal(reportNumber(out, 'Failed'), 0, failures(out));
    assert.equal(reportNumber(out, 'Crashed'), 0, failures(out));
    assert.equal(reportNumber(out, 'Ignored'), 0, text);
    assert.equal(reportNumber(out, 'Total'), expected, `Rooibos ran ${reportNumber(out, 'Total')} tests, the suites hold ${expected}:\n${text}`);
    assert.equal(reportNumber(out, 'Passed'), expected);
    assert.equal(result.crashed, false);
    console.log(`      Rooibos: ${expected} tests passed in the simulator (${suiteFiles().length - Object.keys(DEVICE_ONLY).length} suites)`);
  });
});

/** The report's failed tests (or the tail of the console), for assertion messages. */
function failures(lines: string[]): string {
  const bad = lines.filter((l) => /Error Message:|FAIL|Crash|Backtrace/i.test(l));
  return (bad.length ? bad : lines.slice(-60)).join('\n');
}
