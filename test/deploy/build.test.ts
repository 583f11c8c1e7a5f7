import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BuildInputError, buildSampleChannel, MissingCredentialsError, SampleConfigError } from '../../scripts/build';
import { credentialProblems, sampleConfigBrs, toBrsLiteral } from '../../scripts/lib/sample-config';
import { tempDir, writeFakeGenerated } from './helpers';

describe('build: the sample channel package', function () {
  let tmp: ReturnType<typeof tempDir>;
  let generatedDir: string;
  beforeEach(() => {
    tmp = tempDir('mp-build-');
    generatedDir = writeFakeGenerated(path.join(tmp.dir, 'generated'));
  });
  afterEach(() => tmp.cleanup());

  const build = (extra: Parameters<typeof buildSampleChannel>[0] = {}) =>
    buildSampleChannel({ generatedDir, outDir: path.join(tmp.dir, 'out'), env: {}, localConfigPath: false, log: () => undefined, ...extra });
  const configOf = (stagingDir: string) => readFileSync(path.join(stagingDir, 'source', 'mParticleConfig.brs'), 'utf8');

  it('writes the zip to outDir/outFile and keeps the staging dir', async function () {
    const { zipPath, stagingDir } = await build({ outFile: 'custom' });
    assert.equal(zipPath, path.join(tmp.dir, 'out', 'custom.zip'));
    assert.ok(existsSync(zipPath));
    assert.equal(stagingDir, path.join(tmp.dir, 'out', '.staging', 'custom'));
    assert.ok(existsSync(path.join(stagingDir, 'components', 'ScriptedTimeline.brs')));
  });

  it('later sources win: local file < environment < options; endpoints merge per key', async function () {
    const local = path.join(tmp.dir, 'mparticle.local.json');
    writeFileSync(local, JSON.stringify({ apiKey: 'file-key', apiSecret: 'file-secret', logLevel: 'debug', endpoints: { events: 'http://127.0.0.1:1', identity: 'http://127.0.0.1:2' } }));
    const { config, stagingDir } = await build({
      localConfigPath: local,
      env: { MPARTICLE_API_KEY: 'env-key', MPARTICLE_IDENTITY_URL: 'http://127.0.0.1:3', SAMPLE_SCRIPTED: '1', MPARTICLE_ENVIRONMENT: 'production' },
      config: { apiKey: 'option-key' },
    });
    assert.deepEqual(config, {
      apiKey: 'option-key',
      apiSecret: 'file-secret',
      environment: 2,
      logLevel: 3,
      endpoints: { events: 'http://127.0.0.1:1', identity: 'http://127.0.0.1:3' },
      scripted: true,
      stepMillis: 150,
      exitDelayMillis: 2000,
    });
    const brs = configOf(stagingDir);
    assert.match(brs, /apiKey: "option-key"/);
    assert.match(brs, /identity: "http:\/\/127\.0\.0\.1:3"/);
    assert.match(brs, /scripted: true/);
  });

  it('without endpoints the config says invalid, so the SDK keeps its pod routing', async function () {
    const { stagingDir } = await build();
    assert.match(configOf(stagingDir), /endpoints: invalid/);
    assert.match(configOf(stagingDir), /scripted: false/);
  });

  it('a stale file in the staging dir does not survive a rebuild', async function () {
    const { stagingDir } = await build();
    writeFileSync(path.join(stagingDir, 'components', 'Stale.brs'), "' left over");
    await build();
    assert.ok(!existsSync(path.join(stagingDir, 'components', 'Stale.brs')));
  });

  it('reports a missing generated SDK with the command that makes it', async function () {
    await assert.rejects(build({ generatedDir: path.join(tmp.dir, 'nothing') }), (e: Error) => e instanceof BuildInputError && /npm run generate/.test(e.message));
  });

  it('rejects bad configuration naming its source', async function () {
    await assert.rejects(build({ env: { MPARTICLE_EVENTS_URL: 'not a url' } }), (e: Error) => e instanceof SampleConfigError && /environment variables: endpoints\.events/.test(e.message));
    await assert.rejects(build({ config: { logLevel: 'loud' } }), (e: Error) => e instanceof SampleConfigError && /build options: logLevel/.test(e.message));
    const local = path.join(tmp.dir, 'bad.json');
    writeFileSync(local, '{ apiKey: ');
    await assert.rejects(build({ localConfigPath: local }), (e: Error) => e instanceof SampleConfigError && e.message.startsWith(local));
  });

  it('writes BrightScript string literals safely', function () {
    assert.equal(toBrsLiteral('say "hi"'), '"say ""hi"""');
    assert.equal(toBrsLiteral(1593007533602), '1593007533602&');
    assert.throws(() => toBrsLiteral('two\nlines'), SampleConfigError);
    assert.match(sampleConfigBrs({ apiKey: 'a', apiSecret: 'b', environment: 1, logLevel: 2, scripted: false, stepMillis: 1, exitDelayMillis: 1 }), /^function sampleConfig\(\) as object$/m);
  });

  it('with credentials required, a missing or placeholder one fails the build, naming exactly which', async function () {
    const fails = (config: { apiKey?: string; apiSecret?: string }, ...expected: RegExp[]) =>
      assert.rejects(build({ config, requireCredentials: true }), (e: Error) => {
        assert.ok(e instanceof MissingCredentialsError, `${e.name}: ${e.message}`);
        assert.equal(e.problems.length, expected.length, e.message);
        expected.forEach((re, i) => assert.match(e.problems[i], re));
        assert.match(e.message, /--allow-no-credentials/);
        return true;
      });
    await fails({}, /^no apiKey \(set MPARTICLE_API_KEY or "apiKey" in roku-sample-channel\/mparticle\.local\.json\)$/, /^no apiSecret \(set MPARTICLE_API_SECRET/);
    await fails({ apiKey: 'us1-abc123' }, /^no apiSecret /);
    await fails({ apiKey: 'us1-…', apiSecret: 's3cret' }, /^apiKey "us1-…" is a placeholder/);
    await fails({ apiKey: 'us1-abc123', apiSecret: '...' }, /^apiSecret "\.\.\." is a placeholder/);
    const { zipPath } = await build({ config: { apiKey: 'us1-abc123', apiSecret: 's3cret' }, requireCredentials: true });
    assert.ok(existsSync(zipPath));
  });

  it('without requiring them, the build warns naming the one at fault', async function () {
    const lines: string[] = [];
    await build({ config: { apiSecret: 's3cret' }, log: (l) => lines.push(l) });
    const warning = lines.filter((l) => l.includes('warning'));
    assert.equal(warning.length, 1, lines.join('\n'));
    assert.match(warning[0], /no apiKey/);
    assert.doesNotMatch(warning[0], /apiSecret/);
  });

  it('placeholders: ellipses, bare pod prefixes, <...>, YOUR_API_KEY; real-looking values pass', function () {
    for (const apiKey of ['us1-…', 'us1-...', 'eu1-', '<api key>', 'YOUR_API_KEY', 'your-api-key', 'xxxx']) {
      assert.equal(credentialProblems({ apiKey, apiSecret: 'real' }).length, 1, apiKey);
    }
    for (const apiKey of ['us1-1a2b3c4d5e6f', 'abcdef0123456789', 'live-view-key']) assert.deepEqual(credentialProblems({ apiKey, apiSecret: 'real' }), [], apiKey);
  });

  it('npm run build: a placeholder credential exits 1 with the message; --allow-no-credentials builds anyway', async function () {
    this.timeout(120000);
    const root = path.join(__dirname, '..', '..');
    const cli = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', path.join(root, 'scripts', 'build.ts'), '--generated-dir', generatedDir, '--out-dir', path.join(tmp.dir, 'cli-out'), ...args],
          // The environment wins over a developer's local file, so the placeholder is what the build sees.
          { cwd: root, env: { ...process.env, MPARTICLE_API_KEY: 'us1-…', MPARTICLE_API_SECRET: 'real-secret', MPARTICLE_EVENTS_URL: '', MPARTICLE_IDENTITY_URL: '' } },
          (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const failed = await cli([]);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    assert.match(failed.stderr, /^\[build\] failed: the sample channel's credentials are not set: apiKey "us1-…" is a placeholder/);
    assert.doesNotMatch(failed.stderr, /^\s+at /m, 'a stack trace');
    const allowed = await cli(['--allow-no-credentials']);
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
    assert.match(allowed.stdout, /\[build\] warning: apiKey "us1-…" is a placeholder/);
    assert.ok(existsSync(path.join(tmp.dir, 'cli-out', 'mparticle-sample-channel.zip')));
  });
});
