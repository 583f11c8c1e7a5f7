/**
 * Step vectors for the Task's reducers (state, input, now) -> { state, effects }: each vector
 * is an initial state and a list of fully given inputs (ids, random numbers and times are in
 * the input, as the Task would pass them), and what is compared is the effects of every step.
 * `runReducerVector` runs one through a TypeScript reducer; `runReducerVectorsInBrs` runs
 * vectors through the generated BrightScript reducer in the simulator, with the same rules.
 * The identity vectors keep their own runner (identity-run.ts): its steps are filled in.
 */
import { strict as assert } from 'node:assert';
import type { Collector } from '../../sim/collector/collector';
import { runVectorChannel } from './function-vectors-brs';

export interface ReducerStep {
  /** The time of the step (unix ms). */
  t: number;
  input: Record<string, unknown>;
}

export interface ReducerVector {
  name: string;
  description: string;
  /** The whole initial state (the vector's author builds it from the area's initial state). */
  state: Record<string, unknown>;
  steps: ReducerStep[];
  /**
   * State fields compared after every step too (for reducers whose decisions are in the state,
   * such as the queue): appended to the step's effects as `{ observed: { field: value } }`.
   */
  observe?: string[];
}

type Reduce = (state: never, input: never, now: number) => { state: unknown; effects: unknown[] };

/** JSON as the device's FormatJson/ParseJson round trip gives it: no undefined or null members. */
export function reducerJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reducerJson);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = reducerJson(x);
    return out;
  }
  return v;
}

/** The effects of every step (normalized JSON, copied at the step), and the state at the end. */
export function runReducerVector<S>(reduce: Reduce, v: ReducerVector): { effects: unknown[][]; state: S } {
  let state = JSON.parse(JSON.stringify(v.state)) as unknown;
  const effects: unknown[][] = [];
  for (const step of v.steps) {
    const input = JSON.parse(JSON.stringify(step.input)) as never;
    const r = reduce(state as never, input, step.t);
    state = r.state;
    const stepEffects = reducerJson(JSON.parse(JSON.stringify(r.effects))) as unknown[];
    if (v.observe !== undefined) {
      const observed: Record<string, unknown> = {};
      for (const key of v.observe) observed[key] = (state as Record<string, unknown>)[key];
      stepEffects.push(reducerJson(JSON.parse(JSON.stringify({ observed }))));
    }
    effects.push(stepEffects);
  }
  return { effects, state: state as S };
}

/** copyJson(v): v in associative arrays and arrays of its own. */
export const COPY_JSON_BRS = `' Associative arrays of their own: brs-engine's ParseJson arrays lose a write to a key that is
' not in lower case (a Roku does not), and the Task's state is never parsed whole.
function copyJson(v as dynamic) as dynamic
    if type(v) = "roAssociativeArray"
        out = {}
        for each key in v
            out[key] = copyJson(v[key])
        end for
        return out
    end if
    if type(v) = "roArray"
        list = []
        for each item in v
            list.Push(copyJson(item))
        end for
        return list
    end if
    return v
end function
`;

const mainBrs = (fn: string, tag: string) => `sub Main()
    vectors = ParseJson(ReadAsciiFile("pkg:/source/vectors.json"))
    for each v in vectors
        state = copyJson(v.state)
        effects = []
        for each stepData in v.steps
            t& = stepData.t
            result = ${fn}(state, copyJson(stepData.input), t&)
            state = result.state
            ' Copied now: later steps change the objects an effect refers to.
            stepEffects = ParseJson(FormatJson(result.effects))
            if v.observe <> invalid
                observed = {}
                for each key in v.observe
                    observed[key] = state[key]
                end for
                stepEffects.Push(ParseJson(FormatJson({ observed: observed })))
            end if
            effects.Push(stepEffects)
        end for
        print "${tag} VECTOR " + FormatJson({ name: v.name, effects: effects })
    end for
    print "${tag} VECTORS DONE"
end sub

${COPY_JSON_BRS}`;

/**
 * Runs `vectors` through the generated BrightScript function `fn` (e.g. "mParticle_uploadReduce")
 * in the simulator and compares every step's effects with `reduce`'s; returns the number of
 * effects compared. Fails on a crash, a missing vector or any differing step (the first ten shown).
 * `normalize` (optional) maps each step's effects, on both sides, before the comparison: for
 * effects that mean the same in two spellings (JSON text, whose key order follows the language;
 * a key BrightScript set with dot syntax, which is stored in lower case and read ignoring case).
 */
export async function compareReducerInBrs(opts: { collector: Collector; fn: string; tag: string; reduce: Reduce; vectors: readonly ReducerVector[]; normalize?: (effects: unknown[]) => unknown }): Promise<number> {
  const { collector, fn, tag, reduce, vectors } = opts;
  const normalize = opts.normalize ?? ((effects: unknown[]) => effects);
  const printed = await runVectorChannel<{ effects: unknown[][] }>({ collector, tag, mainBrs: mainBrs(fn, tag), vectors });
  const outputs = new Map([...printed].map(([name, p]) => [name, reducerJson(p.effects) as unknown[][]]));
  const mismatches: string[] = [];
  let compared = 0;
  for (const v of vectors) {
    const ts = runReducerVector(reduce, v).effects;
    const brs = outputs.get(v.name)!;
    v.steps.forEach((step, i) => {
      compared += ts[i].length;
      try {
        assert.deepEqual(normalize(brs[i]), normalize(ts[i]));
      } catch {
        mismatches.push(`${v.name} step ${i} ${JSON.stringify(step.input)}: BrightScript ${JSON.stringify(brs[i])}, TypeScript ${JSON.stringify(ts[i])}`);
      }
    });
  }
  assert.deepEqual(mismatches.slice(0, 10), [], `BrightScript differs from TypeScript in ${mismatches.length} steps`);
  return compared;
}
