/**
 * Pins the brs-scenegraph behaviour that shapes automatic tracking and its tests
 * (sim/README.md, "Nodes handed to a Task"): a node inside an array of an
 * associative-array field (the bridge's `{m, a: [...]}`) reaches a Task as a copy whose
 * changes never arrive, one in a node-typed field stays live; and the Task's copy takes its
 * field types from the values the node crosses with. If
 * the engine changes, these fail: then revisit the stand-in set-up of
 * test/runtime/tracking.test.ts and roku-sample-channel/components/ScriptedTimeline.brs.
 */
import { strict as assert } from 'node:assert';
import { startCollector, type Collector } from '../../../sim/collector/collector';
import { runChannel } from '../../../sim/engine/simulator';
import { sceneMain } from '../../../sim/engine/sdk-host';

const MAIN = sceneMain('S');

const SCENE = `<?xml version="1.0" encoding="utf-8"?>
<component name="S" extends="Scene">
<script type="text/brightscript"><![CDATA[
sub init()
    ' frac crosses with a fractional float, int with an integral one (both via node fields);
    ' inArray, fractional too, only inside an array in an associative-array field, as the
    ' bridge's {m, a: [arguments]} carries it.
    m.nodes = {}
    for each name in ["frac", "int", "inArray"]
        n = CreateObject("roSGNode", "ContentNode")
        n.id = name
        n.addField("position", "float", false)
        n.position = 0.0
        m.nodes[name] = n
    end for
    m.nodes.frac.position = 0.1
    m.nodes.inArray.position = 0.1
    m.t = CreateObject("roSGNode", "T")
    m.t.frac = m.nodes.frac
    m.t.int = m.nodes.int
    m.t.call = { a: [m.nodes.inArray] }
    m.n = 0
    m.timer = CreateObject("roSGNode", "Timer")
    m.timer.duration = 0.3
    m.timer.repeat = true
    m.timer.observeField("fire", "onFire")
    ' The positions change only once the Task observes them, however long it takes to start.
    m.t.observeField("ready", "onReady")
end sub
sub onReady()
    m.timer.control = "start"
end sub
sub onFire()
    m.n = m.n + 1
    ' Ticks 1-3 set 1.5, 2.5 and 3.5; tick 4 sets the sentinel after which the Task stops.
    if m.n <= 3
        for each name in ["frac", "int", "inArray"]
            m.nodes[name].position = m.n + 0.5
        end for
    else if m.n = 4
        m.nodes.frac.position = 99.5
        m.timer.control = "stop"
    end if
end sub
]]></script>
</component>
`;

const TASK = `<?xml version="1.0" encoding="utf-8"?>
<component name="T" extends="Task">
<interface>
    <field id="call" type="assocarray" />
    <field id="frac" type="node" />
    <field id="int" type="node" />
    <field id="ready" type="boolean" />
</interface>
<script type="text/brightscript"><![CDATA[
sub init()
    m.port = CreateObject("roMessagePort")
    m.top.observeField("call", m.port)
    m.top.functionName = "go"
    m.top.control = "RUN"
end sub
sub go()
    while true
        msg = wait(0, m.port)
        if msg.getField() = "call"
            msg.getData().a[0].observeField("position", m.port)
            m.top.frac.observeField("position", m.port)
            m.top.int.observeField("position", m.port)
            m.top.ready = true
        else if msg.getNode() = "frac" and msg.getData() = 99.5
            ' Events of one port arrive in the order of the sets: nothing set earlier comes later.
            print "SYNC done"
        else
            print "SYNC event " + msg.getNode() + " " + type(msg.getData()) + " " + msg.getData().ToStr()
        end if
    end while
end sub
]]></script>
</component>
`;

describe('harness: brs-scenegraph hands nodes to a Task as tracking expects', function () {
  this.timeout(60000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-nodesync', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('delivers changes of a node-typed field\'s node only, typed by the value it crossed with', async () => {
    const run = await runChannel({
      collector,
      timeoutMs: 30000,
      until: (line) => line.startsWith('SYNC done'),
      channel: { manifest: 'title=node sync\nmajor_version=1\nminor_version=0\nbuild_version=1\n', 'source/Main.brs': MAIN, 'components/S.xml': SCENE, 'components/T.xml': TASK },
    });
    const events = run.console.filter((l) => l.startsWith('SYNC event')).map((l) => l.slice('SYNC event '.length));
    // frac: Floats as set. int: an Integer field in the Task, 1.5 / 2.5 / 3.5 truncated.
    // inArray: nothing. A device would report all three alike, as Floats.
    assert.deepEqual(events, ['frac roFloat 1.5', 'int roInt 1', 'frac roFloat 2.5', 'int roInt 2', 'frac roFloat 3.5', 'int roInt 3'], run.console.join('\n'));
  });
});
