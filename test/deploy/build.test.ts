import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BuildInputError, buildSampleChannel, SampleConfigError } from '../../scripts/build';
import { sampleConfigBrs, toBrsLiteral } from '../../scripts/lib/sample-config';
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
});
