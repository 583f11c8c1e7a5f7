/**
 * Runs identity vectors (test/vectors/core/identity-*.json) through the TypeScript reducer
 * (src-ts/logic/core-identity.ts), and makes seeded random ones. identity-brs.test.ts runs the
 * same vectors through the generated BrightScript with the same rules (IDENTITY_MAIN_BRS).
 */
import seedrandom from 'seedrandom';
import { COPY_JSON_BRS, reducerJson } from './reducer-vectors';
import { identityReduce, identityTypeNumbers, type IdentityInput, type IdentityRequest, type IdentityState } from '../../src-ts/logic/core-identity';

export const T0 = 1593007500000;

/**
 * One step: an input at time `t`. The runner fills in what a Task would: `requestId` of a new
 * request (`req-<step>`), and for an `answer` the request it answers (the `of`-th post of
 * the vector, the last one by default) and its body parsed from `text`. `optIn` and
 * `optOut` also set the Task's opt-out flag (task-core.brs does); `optIn` is not an input.
 */
export interface IdentityStep {
  t: number;
  input: Record<string, unknown>;
}

export interface IdentityVector {
  name: string;
  description: string;
  /** Initial state over identityInitialState's. */
  state?: Record<string, unknown>;
  steps: IdentityStep[];
  /** The effects of each step, as JSON. */
  expected?: unknown[][];
}

/** The Task's identity state after a start with an empty registry (task-core.brs mParticle_taskStart). */
export function identityInitialState(over: Record<string, unknown> = {}): IdentityState {
  const base: IdentityState = {
    ready: true,
    optedOut: false,
    mpid: '0',
    users: {},
    identityQueue: [],
    identityInFlight: false,
    identityRetryAt: 0,
    identityAttempt: 0,
    userNodeDirty: false,
    userNodeShown: '',
    session: { active: true, mpids: [] },
    identityTypes: identityTypeNumbers(),
    sdkVersion: '3.0.0',
    dev: false,
    das: 'das-1',
    identityBase: 'https://identity.mparticle.com',
    options: { apiKey: 'us1-key' },
    di: { rida: 'rida-1', rpb: 'rpb-1' },
  };
  return JSON.parse(JSON.stringify({ ...base, ...over })) as IdentityState;
}

/** JSON as the device's FormatJson/ParseJson round trip gives it (reducerJson). */
export const identityJson = reducerJson;

function parseBody(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The effects of every step (normalized JSON), and the state at the end. */
export function runIdentityVector(v: IdentityVector): { effects: unknown[][]; state: IdentityState } {
  let state = identityInitialState(v.state);
  const posts: IdentityRequest[] = [];
  const effects: unknown[][] = [];
  v.steps.forEach((step, i) => {
    const given = step.input;
    if (given.kind === 'optIn' || given.kind === 'optOut') state.optedOut = given.kind === 'optOut';
    if (given.kind === 'optIn') {
      effects.push([]);
      return;
    }
    const input = { ...(JSON.parse(JSON.stringify(given)) as Record<string, unknown>) } as unknown as IdentityInput;
    if (['identify', 'login', 'logout', 'modify'].includes(input.kind)) input.requestId = `req-${i}`;
    if (input.kind === 'answer') {
      const of = typeof given.of === 'number' ? given.of : posts.length - 1;
      input.sent = posts[of];
      input.body = parseBody(given.text);
    }
    const r = identityReduce(state, input, step.t);
    state = r.state;
    for (const e of r.effects) if (e.type === 'post') posts.push(e.request!);
    effects.push(identityJson(JSON.parse(JSON.stringify(r.effects))) as unknown[]);
  });
  return { effects, state };
}

/** The BrightScript twin of runIdentityVector, for the simulator: prints one `I VECTOR` line per vector. */
export const IDENTITY_MAIN_BRS = `sub Main()
    vectors = ParseJson(ReadAsciiFile("pkg:/source/vectors.json"))
    for each v in vectors
        state = copyJson(v.state)
        posts = []
        effects = []
        i = 0
        for each stepData in v.steps
            input = stepData.input
            kind = input.kind
            if kind = "optIn" or kind = "optOut" then state.optedOut = kind = "optOut"
            if kind = "optIn"
                effects.Push([])
            else
                if kind = "identify" or kind = "login" or kind = "logout" or kind = "modify" then input.requestId = "req-" + i.ToStr()
                if kind = "answer"
                    ofPost = posts.Count() - 1
                    if input.of <> invalid then ofPost = input.of
                    input.sent = posts[ofPost]
                    if type(input.text) = "roString" or type(input.text) = "String"
                        if input.text <> "" then input.body = ParseJson(input.text)
                    end if
                end if
                t& = stepData.t
                result = mParticle_identityReduce(state, input, t&)
                state = result.state
                for each e in result.effects
                    if e.type = "post" then posts.Push(e.request)
                end for
                ' Copied now: later steps change the objects an effect refers to.
                effects.Push(ParseJson(FormatJson(result.effects)))
            end if
            i = i + 1
        end for
        print "I VECTOR " + FormatJson({ name: v.name, effects: effects })
    end for
    print "I VECTORS DONE"
end sub

${COPY_JSON_BRS}`;

type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)];

const TYPES = ['customerid', 'email', 'mobile_number', 'other', 'other2'];

/** userIdentities of a random request; keys in sorted order (the device's Keys() order). */
function randomIdentities(rng: Rng): unknown {
  const roll = rng();
  if (roll < 0.05) return 'not an object';
  if (roll < 0.1) return { CustomerId: pick(rng, ['c1', 'c2']) };
  if (roll < 0.15) return { customerid: pick(rng, ['', 7, true]) };
  if (roll < 0.2) return { nosuchtype: 'x' };
  const out: Record<string, unknown> = {};
  for (const t of TYPES) if (rng() < 0.35) out[t] = `${t}-${int(rng, 3)}`;
  return out;
}

const ANSWERS: unknown[] = [
  '{"mpid":"1001"}',
  '{"mpid":"1002","context":"ctx-2"}',
  '{"mpid":1003}',
  '{"mpid":"0"}',
  '{"context":"ctx-only"}',
  '{}',
  '[1,2]',
  '<html>proxy</html>',
  '',
];
const CODES = [200, 200, 200, 202, 400, 401, 403, 404, 429, 500, 503, -1, -28];
const RETRY_AFTER: unknown[] = [undefined, '2', ' 30 ', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT'];

function randomInput(rng: Rng, posts: number): Record<string, unknown> {
  const roll = int(rng, 20);
  if (roll < 5) {
    const request: Record<string, unknown> = rng() < 0.1 ? {} : { userIdentities: randomIdentities(rng) };
    return { kind: pick(rng, ['identify', 'login', 'logout', 'modify']), request: rng() < 0.05 ? 'bad' : request };
  }
  if (roll < 9) return { kind: 'pump' };
  if (roll < 13 && posts > 0) {
    const input: Record<string, unknown> = { kind: 'answer', code: pick(rng, CODES), text: pick(rng, ANSWERS), random: pick(rng, [0, 0.25, 0.5, 0.75]) };
    const retry = pick(rng, RETRY_AFTER);
    if (retry !== undefined) input.retryAfter = retry;
    // Now and then an answer to an earlier request: a late or duplicate answer.
    if (rng() < 0.15) input.of = int(rng, posts);
    return input;
  }
  if (roll < 15) return { kind: 'setUserAttribute', key: pick(rng, ['age', 'tier', 'tags']), value: pick(rng, ['30', 31, ['a', 'b'], ['a', 2], true, 'gold']) };
  if (roll < 16) return { kind: 'removeUserAttribute', key: pick(rng, ['age', 'tier', 'tags', 'none']) };
  if (roll < 17) return { kind: 'setConsentState', consent: pick(rng, [{ gdpr: { analytics: { c: true } } }, { ccpa: { c: false } }, 'not consent']) };
  if (roll < 18) return { kind: pick(rng, ['optOut', 'optIn']) };
  return { kind: 'publish' };
}

/** A random vector of `count` steps for `seed`; the same seed always gives the same vector. */
export function randomIdentityVector(seed: string, count = 60): IdentityVector {
  const rng = seedrandom(seed);
  const steps: IdentityStep[] = [];
  let t = T0;
  let posts = 0;
  const probe = (): number => runIdentityVector({ name: seed, description: '', steps }).effects.flat().filter((e) => (e as { type: string }).type === 'post').length;
  for (let i = 0; i < count; i++) {
    t += pick(rng, [0, 1, 50, 1000, 5000, 40000]);
    const input = randomInput(rng, posts);
    steps.push({ t, input });
    if (input.kind === 'pump') posts = probe();
  }
  steps.push({ t: t + 1, input: { kind: 'publish' } });
  return { name: `identity random ${seed}`, description: `seeded random inputs (${seed})`, steps };
}
