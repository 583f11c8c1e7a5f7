/**
 * Part of `npm run bench` (alone: `npx tsx scripts/bench/tracking.ts`). While video plays, the Task gets
 * a `position` event every notificationInterval (0.5 s by default). This prints, from a
 * simulator run of the generated code, what one such event costs the tracker: a position
 * that makes no call (the common case), the same through the Task's tracker table, one that makes an Update Playhead Position call
 * (tracker plus media logic, without queueing), against the floor of building the input.
 * brs-engine is much slower than a device: only the ratios carry over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { closeBrowser, runChannel } from '../../sim/engine/simulator';

const ROOT = path.resolve(__dirname, '..', '..');
const EVENTS = 2000;

const MAIN = `sub Main()
    n = ${EVENTS}
    session = { contentId: "c", title: "t", contentType: "Video", streamType: "OnDemand", duration: 600000, mediaSessionId: "bench", currentPlayheadPosition: 0, mediaSessionAttributes: {} }
    clock = CreateObject("roTimespan")

    ' floor: what the Task does for any event (read the event, the time, build the input)
    clock.Mark()
    for i = 1 to n
        now = CreateObject("roDateTime").AsSeconds()
        input = { kind: "field", name: "position", value: i * 0.5 }
    end for
    print "BENCH floor " + clock.TotalMilliseconds().ToStr()

    ' positions that make no call (playhead interval 10 s, events 0.5 s of content apart)
    s = mParticle_trackStart(session, { playheadIntervalMillis: 100000000 }, 0.5, false, 1000000&)
    t = s.state
    mParticle_trackReduce(t, { kind: "field", name: "state", value: "playing" }, 1000000&)
    clock.Mark()
    calls = 0
    for i = 1 to n
        now = CreateObject("roDateTime").AsSeconds()
        r = mParticle_trackReduce(t, { kind: "field", name: "position", value: i * 0.5 }, 1000000& + i * 500)
        calls = calls + r.calls.Count()
    end for
    print "BENCH quiet " + clock.TotalMilliseconds().ToStr() + " calls " + calls.ToStr()

    ' the same through the Task's tracker table (one tracked session), as the Task runs it
    core = { ready: true, optedOut: false, trackers: {} }
    mParticle_trackersReduce(core, { kind: "trackVideo", session: session, options: { playheadIntervalMillis: 100000000 }, notificationInterval: 0.5, nodeState: "playing", nodeName: "a Video node", mediaSessions: {} }, 1000000&)
    clock.Mark()
    calls = 0
    for i = 1 to n
        now = CreateObject("roDateTime").AsSeconds()
        r = mParticle_trackersReduce(core, { kind: "nodeEvent", sessionId: "bench", field: "position", value: i * 0.5 }, 1000000& + i * 500)
        calls = calls + r.effects.Count()
    end for
    print "BENCH table " + clock.TotalMilliseconds().ToStr() + " effects " + calls.ToStr()

    ' positions that each make a call (interval 0), run through the media logic
    s = mParticle_trackStart(session, { playheadIntervalMillis: 0 }, 0.5, false, 1000000&)
    t = s.state
    media = mParticle_newMediaState()
    mParticle_trackReduce(t, { kind: "field", name: "state", value: "playing" }, 1000000&)
    clock.Mark()
    calls = 0
    for i = 1 to n
        now = CreateObject("roDateTime").AsSeconds()
        r = mParticle_trackReduce(t, { kind: "field", name: "position", value: i * 0.5 }, 1000000& + i * 500)
        for each c in r.calls
            m2 = mParticle_mediaReduce(media, { method: c.method, session: c.session, args: c.args, options: c.options }, 1000000& + i * 500, "id")
            media = m2.state
            calls = calls + 1
        end for
    end for
    print "BENCH busy " + clock.TotalMilliseconds().ToStr() + " calls " + calls.ToStr()
end sub
`;

/** Runs the tracker's position-event benchmark in the simulator; returns the lines to print. */
export async function benchTracking(collector: Collector): Promise<string[]> {
  const core = fs.readFileSync(path.join(ROOT, 'generated', 'source', 'mparticle', 'mParticleCore.brs'), 'utf8');
  // The tracker is Task-only logic: the main thread compiles what is under source/.
  const taskLogic = fs.readFileSync(path.join(ROOT, 'generated', 'components', 'mParticleTaskLogic.brs'), 'utf8');
  const run = await runChannel({
    collector,
    timeoutMs: 240000,
    until: (line) => line.includes('BENCH busy'),
    channel: { manifest: 'title=bench tracking\nmajor_version=1\nminor_version=0\nbuild_version=1\n', 'source/Main.brs': MAIN, 'source/mparticle/mParticleCore.brs': core, 'source/mparticle/mParticleTaskLogic.brs': taskLogic },
  });
  if (run.crashed) throw new Error(run.console.slice(-20).join('\n'));
  const ms = (name: string) => Number(new RegExp(`BENCH ${name} (\\d+)`).exec(run.console.join('\n'))?.[1]);
  const us = (total: number) => ((total * 1000) / EVENTS).toFixed(0);
  const floor = ms('floor');
  const quiet = ms('quiet');
  const table = ms('table');
  const busy = ms('busy');
  return [
    `automatic tracking, a Video node's position events in the Task (${EVENTS} each):`,
    `  floor (read the event, the time, build the input): ${us(floor)} us per event`,
    `  tracker, no call (the common case):                 ${us(quiet)} us per event (${(quiet / floor).toFixed(1)}x the floor)`,
    `  tracker table (the Task's path), no call:           ${us(table)} us per event (${(table / floor).toFixed(1)}x the floor)`,
    `  tracker + media logic, one call per event:          ${us(busy)} us per event (${(busy / floor).toFixed(1)}x the floor)`,
  ];
}

if (require.main === module) {
  (async () => {
    const collector = await startCollector({ apiKey: 'us1-bench-tracking', apiSecret: 'unused' });
    try {
      for (const line of await benchTracking(collector)) console.log(line);
    } finally {
      await collector.close();
      await closeBrowser();
    }
  })().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
