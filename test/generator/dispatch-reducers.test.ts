/**
 * The generated dispatch hands core and identity calls to their reducers by input kind
 * (emit-dispatch.ts reducerStep): every kind it hands the messages' reducer must be one that
 * reducer takes, every other call must reach a function the Task's templates define.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { messageReduce } from '../../src-ts/logic/core-messages';
import { bridgeMethods, callName } from '../../src-ts/generator/emit-bridge';
import { messagesInitialState, T0 } from '../logic/messages-author';

const ROOT = path.resolve(__dirname, '..', '..');
const dispatch = fs.readFileSync(path.join(ROOT, 'generated', 'components', 'mParticleTask.brs'), 'utf8');
const templates = fs
  .readdirSync(path.join(ROOT, 'brs-templates', 'components'))
  .filter((f) => f.endsWith('.brs'))
  .map((f) => fs.readFileSync(path.join(ROOT, 'brs-templates', 'components', f), 'utf8'))
  .join('\n');

/** Arguments of each kind that pass the dispatch's checks. */
const GOOD: Record<string, unknown> = { name: 'n', string: 'other', attributes: {}, object: {}, value: 'v', strings: 'v', boolean: true, number: 1, list: [], session: {} };

/** The call the dispatch hands `name` to, after its checks. */
function handOver(name: string): string {
  const at = dispatch.indexOf(`else if name = "${name}"`);
  assert.ok(at >= 0, `no dispatch case for ${name}`);
  const next = dispatch.indexOf('    else if name = ', at + 1);
  const body = dispatch.slice(at, next < 0 ? undefined : next).split('\n');
  const calls = body.map((l) => l.trim()).filter((l) => /^mParticle_task\w+\(m\.mParticle_core/.test(l));
  assert.equal(calls.length, 1, `${name}: ${calls.length} hand-overs`);
  return calls[0];
}

describe('generated dispatch: each call reaches a reducer input or a template handler', () => {
  const methods = bridgeMethods().filter((b) => !(b.ns === 'media' && b.event !== undefined));
  for (const b of methods) {
    const name = callName(b);
    it(name, () => {
      const line = handOver(name);
      const step = /^mParticle_taskMessageStep\(m\.mParticle_core, \{ kind: "(\w+)", a: a \}/.exec(line);
      if (step) {
        const effects = messageReduce(messagesInitialState() as never, { kind: step[1], a: b.params.map((p) => GOOD[p.kind]) } as never, T0).effects as { text?: string }[];
        assert.deepEqual(
          effects.filter((e) => (e.text ?? '').includes('unknown input')),
          [],
          `${name}: the messages' reducer does not take the kind ${step[1]}`,
        );
        return;
      }
      if (/^mParticle_taskIdentityStep\(/.test(line)) {
        assert.match(line, new RegExp(`kind: "${b.method}", request: a\\[0\\]`));
        return;
      }
      const fn = /^(mParticle_task\w+)\(m\.mParticle_core, a\)$/.exec(line);
      assert.ok(fn, `${name}: unexpected hand-over ${line}`);
      assert.match(templates, new RegExp(`^sub ${fn[1]}\\(`, 'm'), `${name}: ${fn[1]} is not in brs-templates/components`);
    });
  }
});
