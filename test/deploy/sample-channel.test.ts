import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { startCollector, type Collector } from '../collector/collector';
import { runChannel } from '../harness/simulator';
import { buildSampleChannel } from '../../scripts/build';
import { writeStubSdk } from './stub-sdk';
import { tempDir } from './helpers';

/**
 * Every SDK call of the scripted run, in order, as the schema-shaped stub prints it:
 * `<ns>.<method> @<session playhead> <arguments>`. This is the sequence README.md documents.
 */
const S = 'roAssociativeArray';
const media = (method: string, at: number, ...args: string[]) => `[stub] media.${method} @LongInteger=${at} ${[S, ...args, S].join('|')}`;
const EXPECTED = [
  `[stub] core.logScreenEvent String=Player|${S}|invalid`,
  media('logMediaSessionStart', 0),
  `[stub] core.logEvent String=Custom Media Event|roString=media|${S}|invalid`,
  media('logAdBreakStart', 0),
  media('logAdStart', 0),
  media('logAdEnd', 0),
  media('logAdSummary', 0),
  media('logAdStart', 0),
  media('logAdSkip', 0),
  media('logAdSummary', 0),
  media('logAdBreakEnd', 0),
  media('logQoS', 0, 'LongInteger=1400', 'Integer=0', 'roInteger=2500000', 'roInteger=24'),
  media('logPlay', 0),
  media('logSegmentStart', 0),
  media('logPlayheadPosition', 10000),
  media('logPlayheadPosition', 20000),
  media('logPause', 25000),
  media('logPlay', 25000),
  media('logPlayheadPosition', 35000),
  media('logBufferStart', 36000, 'LongInteger=0', 'roInteger=20', 'LongInteger=36000'),
  media('logBufferEnd', 36000, 'LongInteger=2000', 'roInteger=100', 'LongInteger=36000'),
  media('logSeekStart', 37000, 'LongInteger=37000'),
  media('logSeekEnd', 200000, 'LongInteger=200000'),
  media('logSegmentSkip', 200000),
  media('logSegmentSummary', 200000),
  media('logSegmentStart', 200000),
  media('logPlayheadPosition', 210000),
  media('logSeekStart', 210000, 'LongInteger=210000'),
  media('logSeekEnd', 415000, 'LongInteger=415000'),
  media('logSegmentEnd', 420000),
  media('logSegmentSummary', 420000),
  media('logSegmentStart', 420000),
  media('logPlayheadPosition', 420000),
  media('logSeekStart', 425000, 'LongInteger=425000'),
  media('logSeekEnd', 590000, 'LongInteger=590000'),
  media('logSegmentEnd', 596000),
  media('logSegmentSummary', 596000),
  media('logMediaContentEnd', 596000),
  media('logMediaSessionEnd', 596000),
  media('logMediaSessionSummary', 596000),
  '[stub] core.upload',
  '[sample] timeline done',
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
      .map((l) => l.trimEnd());
    assert.deepEqual(calls, EXPECTED);
  });
});
