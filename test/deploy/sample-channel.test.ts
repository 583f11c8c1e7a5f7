import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';
import { buildSampleChannel } from '../../scripts/build';
import { writeStubSdk } from './stub-sdk';
import { tempDir } from './helpers';

/**
 * Every SDK call of the scripted run, in order, as the schema-shaped stub prints it:
 * `<ns>.<method> <arguments>`. The sample makes no media call itself: it hands the player to
 * `media.trackVideo`, RAF's events reach `media.trackAdEvent` through mParticleRafCallback (the
 * stub's glue forwards like the SDK's), and `media.stopTracking` ends the session. This is the
 * sequence README.md documents.
 */
const S = 'roAssociativeArray';
const raf = (type: string) => `[stub] media.trackAdEvent ${S}|roString=${type}|${S}`;
const EXPECTED = [
  `[stub] core.logScreenEvent String=Player|${S}|invalid`,
  `[stub] media.trackVideo roSGNode|${S}|${S}`,
  `[stub] core.logEvent String=Custom Media Event|roString=media|${S}|invalid`,
  // The scripted timeline starts once the Task published the user with this run's marker.
  '[stub] core.setUserAttribute String=sample_timeline_run|roString=<uuid>',
  ...['PodStart', 'Impression', 'Start', 'FirstQuartile', 'Midpoint', 'ThirdQuartile', 'Complete', 'Start', 'AcceptInvitation', 'Skip', 'PodComplete'].map(raf),
  '[sample] timeline done',
  `[stub] media.stopTracking ${S}|${S}`,
  '[stub] core.upload',
  '[sample] exit',
];

describe('sample channel: scripted timeline in the simulator, against a schema-shaped SDK stub', function () {
  let tmp: ReturnType<typeof tempDir>;
  let collector: Collector;
  before(async () => {
    tmp = tempDir('mp-sample-');
    collector = await startCollector({ apiKey: 'us1-sample', apiSecret: 'sample-secret' });
  });
  after(async () => {
    await collector.close();
    tmp.cleanup();
  });

  it('passes the options from Main, makes the documented calls in order, and exits by itself', async function () {
    const { stagingDir } = await buildSampleChannel({
      generatedDir: writeStubSdk(path.join(tmp.dir, 'generated')),
      outDir: path.join(tmp.dir, 'out'),
      env: {},
      localConfigPath: false,
      log: () => undefined,
      config: {
        apiKey: 'us1-sample',
        apiSecret: 'sample-secret',
        logLevel: 'debug',
        scripted: true,
        stepMillis: 50,
        exitDelayMillis: 200,
        endpoints: { events: collector.baseUrl, identity: collector.baseUrl },
      },
    });
    const run = await runChannel({ channel: { dir: stagingDir }, collector, timeoutMs: 60000 });
    assert.equal(run.crashed, false, run.console.join('\n'));
    assert.equal(run.exitReason, 'EXIT_USER_NAV', run.console.join('\n'));

    const optionsLine = run.console.find((l) => l.startsWith('[stub] options '));
    assert.ok(optionsLine, run.console.join('\n'));
    const options = JSON.parse(optionsLine.slice('[stub] options '.length));
    assert.equal(options.apiKey, 'us1-sample');
    assert.equal(options.apiSecret, 'sample-secret');
    assert.equal(options.environment, 1);
    assert.equal(options.logLevel, 3);
    assert.deepEqual(options.endpoints, { events: collector.baseUrl, identity: collector.baseUrl });
    assert.equal(typeof options.startupArgs, 'object');

    const calls = run.console
      .filter((l) => (l.startsWith('[stub] ') && !l.startsWith('[stub] options')) || l === '[sample] timeline done' || l === '[sample] exit')
      .map((l) => l.trimEnd().replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, '<uuid>'));
    assert.deepEqual(calls, EXPECTED);
    // The channel's own RAF callback was chained for every RAF event of the timeline.
    const chained = run.console.filter((l) => l.startsWith('[sample] RAF ')).map((l) => l.slice('[sample] RAF '.length).trim());
    assert.deepEqual(chained, ['PodStart', 'Impression', 'Start', 'FirstQuartile', 'Midpoint', 'ThirdQuartile', 'Complete', 'Start', 'AcceptInvitation', 'Skip', 'PodComplete']);
  });
});
