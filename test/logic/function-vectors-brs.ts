/**
 * The BrightScript side of the function vectors (core-brs.test.ts, store-brs.test.ts): a
 * channel that calls `mParticle_<fn>` of the generated SDK for every case and prints one line
 * per vector, its name and its answers in order.
 */
import { strict as assert } from 'node:assert';
import type { Collector } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';
import type { CoreVector } from './core-functions';
import { mainThreadSdk } from './main-thread-sdk';

type Fn = (...args: never[]) => unknown;

/** `<tag>VectorCall(fn, a)`: one line per function, with its arity (BrightScript has no call by name). */
function dispatchBrs(functions: Readonly<Record<string, Fn>>, tag: string): string {
  const lines = Object.entries(functions).map(([name, fn]) => {
    const args = Array.from({ length: fn.length }, (_, i) => `a[${i}]`).join(', ');
    return `    if fn = "${name}" then return mParticle_${name}(${args})`;
  });
  return [`function ${tag}VectorCall(fn as string, a as object) as dynamic`, ...lines, `    print "${tag} UNKNOWN " + fn`, '    return invalid', 'end function'].join('\n');
}

const mainBrs = (functions: Readonly<Record<string, Fn>>, tag: string) => `sub Main()
    vectors = ParseJson(ReadAsciiFile("pkg:/source/vectors.json"))
    for each v in vectors
        answers = []
        for each c in v.cases
            answers.Push(${tag}VectorCall(c.fn, c.args))
        end for
        print "${tag} VECTOR " + FormatJson({ name: v.name, answers: answers })
    end for
    print "${tag} VECTORS DONE"
end sub

${dispatchBrs(functions, tag)}
`;

/**
 * Runs a vector channel in the simulator: `mainBrs` reads source/vectors.json and prints
 * `<tag> VECTOR <json with a name>` per vector, then `<tag> VECTORS DONE`. Returns what was
 * printed by vector name; fails when the channel crashed, met a function it does not know
 * (`<tag> UNKNOWN`), or did not print every vector.
 */
export async function runVectorChannel<T>(opts: { collector: Collector; tag: string; mainBrs: string; vectors: readonly { name: string }[] }): Promise<Map<string, T>> {
  const { collector, tag, mainBrs: main, vectors } = opts;
  const run = await runChannel({
    collector,
    timeoutMs: 150000,
    until: (line) => line.includes(`${tag} VECTORS DONE`),
    channel: {
      manifest: `title=${tag} vectors\nmajor_version=1\nminor_version=0\nbuild_version=1\n`,
      'source/Main.brs': main,
      ...mainThreadSdk(),
      'source/vectors.json': JSON.stringify(vectors),
    },
  });
  assert.equal(run.crashed, false, run.console.slice(-40).join('\n'));
  assert.deepEqual(run.console.filter((l) => l.includes(`${tag} UNKNOWN`)), []);
  const marker = `${tag} VECTOR `;
  const outputs = new Map<string, T>();
  for (const line of run.console) {
    const at = line.indexOf(`${marker}{`);
    if (at >= 0) {
      const parsed = JSON.parse(line.slice(at + marker.length)) as { name: string };
      outputs.set(parsed.name, parsed as T);
    }
  }
  assert.equal(outputs.size, vectors.length, `BrightScript printed ${outputs.size} of ${vectors.length} vectors`);
  return outputs;
}

/** Runs every case of `vectors` through the generated BrightScript and returns the answers by vector name. */
export async function runVectorsInBrs(opts: { collector: Collector; functions: Readonly<Record<string, Fn>>; tag: string; vectors: readonly CoreVector[] }): Promise<Map<string, unknown[]>> {
  const { collector, functions, tag, vectors } = opts;
  const printed = await runVectorChannel<{ answers: unknown[] }>({ collector, tag, mainBrs: mainBrs(functions, tag), vectors });
  return new Map([...printed].map(([name, p]) => [name, p.answers]));
}
