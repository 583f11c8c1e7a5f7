/**
 * The tracker and its BrightScript translation must mean the same: every tracking vector runs
 * through the generated `mParticle_trackStart` / `mParticle_trackReduce` / `mParticle_trackStop`
 * and `mParticle_mediaReduce` in the simulator (as the Task chains them), and the calls,
 * events and error counts must equal the TypeScript ones.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';
import { runTrackVector, type TrackVector } from './run-track-vector';
import { TRACK_VECTOR_DIR } from './track-author';
import { mainThreadSdk } from './main-thread-sdk';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A call with every key lowercased. BrightScript stores a key set with dot syntax
 * (`args.startupTime = x`) in lower case and reads keys ignoring case, so the calls mean the
 * same whatever the case of their keys; the events (keys set by index) are compared exactly.
 */
function lowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]));
  }
  return v;
}

const MAIN_BRS = `sub Main()
    vectors = ParseJson(ReadAsciiFile("pkg:/source/vectors.json"))
    for each v in vectors
        rv = { media: mParticle_newMediaState(), n: 0, auto: type(v.autoSummaries) = "roBoolean" and v.autoSummaries, calls: [], events: [], errors: 0 }
        started = type(v.start.started) = "roBoolean" and v.start.started
        if started
            apply(rv, [{ method: "logMediaSessionStart", session: v.start.session, args: {} }], v.start.t)
            rv.calls = []
        end if
        s = mParticle_trackStart(v.start.session, v.start.options, v.start.notificationInterval, started, v.start.t)
        rv.errors = rv.errors + s.errors.Count()
        if s.state <> invalid
            state = s.state
            apply(rv, s.calls, v.start.t)
            for each input in v.inputs
                r = mParticle_trackReduce(state, { kind: input.kind, name: input.name, value: input.value }, input.t)
                state = r.state
                rv.errors = rv.errors + r.errors.Count()
                apply(rv, r.calls, input.t)
            end for
            if type(v.stop) = "roAssociativeArray"
                r = mParticle_trackStop(state, v.stop.options, v.stop.t)
                rv.errors = rv.errors + r.errors.Count()
                apply(rv, r.calls, v.stop.t)
            end if
        end if
        print "TVECTOR " + FormatJson({ name: v.name, calls: rv.calls, events: rv.events, errors: rv.errors })
    end for
    print "TVECTORS DONE"
end sub

sub apply(rv as object, calls as object, now as longinteger)
    for each c in calls
        rv.calls.Push(c)
        rv.n = rv.n + 1
        if c.method = "logEvent"
            rv.events.Push({ name: c.eventName, sessionId: "", attrs: c.options })
        else
            r = mParticle_mediaReduce(rv.media, { method: c.method, session: c.session, args: c.args, options: c.options, autoSummaries: rv.auto }, now, "id-" + rv.n.ToStr())
            rv.media = r.state
            for each e in r.events
                rv.events.Push(e)
            end for
            rv.errors = rv.errors + r.errors.Count()
        end if
    end for
end sub
`;

describe('tracker: TypeScript and generated BrightScript agree on every tracking vector', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-tvectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('gives the same calls, events and error counts', async () => {
    const vectors = fs
      .readdirSync(TRACK_VECTOR_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(TRACK_VECTOR_DIR, f), 'utf8')) as TrackVector);
    const run = await runChannel({
      collector,
      timeoutMs: 150000,
      until: (line) => line.includes('TVECTORS DONE'),
      channel: {
        manifest: 'title=tracking vectors\nmajor_version=1\nminor_version=0\nbuild_version=1\n',
        'source/Main.brs': MAIN_BRS,
        ...mainThreadSdk(),
        'source/vectors.json': JSON.stringify(vectors.map(({ expected, ...v }) => v)),
      },
    });
    assert.equal(run.crashed, false, run.console.slice(-40).join('\n'));
    const outputs = new Map<string, { calls: unknown[]; events: unknown[]; errors: number }>();
    for (const line of run.console) {
      const at = line.indexOf('TVECTOR {');
      if (at >= 0) {
        const parsed = JSON.parse(line.slice(at + 'TVECTOR '.length));
        outputs.set(parsed.name, parsed);
      }
    }
    assert.equal(outputs.size, vectors.length, `BrightScript printed ${outputs.size} of ${vectors.length} vectors\n${run.console.slice(-20).join('\n')}`);
    let calls = 0;
    for (const vector of vectors) {
      const ts = runTrackVector(vector);
      const brs = outputs.get(vector.name)!;
      calls += ts.calls.length;
      // The file, the TypeScript and the BrightScript must all agree.
      assert.deepEqual(ts.calls, vector.expected.calls, `${vector.name}: TypeScript calls differ from the vector`);
      ts.calls.forEach((c, i) => assert.deepEqual(lowerKeys(brs.calls[i]), lowerKeys(c), `${vector.name}: call ${i} (${c.method})`));
      assert.equal(brs.calls.length, ts.calls.length, `${vector.name}: number of calls`);
      ts.events.forEach((e, i) => assert.deepEqual(brs.events[i], e, `${vector.name}: event ${i} (${e.name})`));
      assert.equal(brs.events.length, ts.events.length, `${vector.name}: number of events`);
      assert.equal(brs.errors, ts.errors.length, `${vector.name}: error count`);
    }
    console.log(`      compared ${vectors.length} tracking vectors, ${calls} calls`);
  });
});
