/**
 * Source of the identity vectors in test/vectors/core/identity-*.json: the scenarios as steps,
 * with the effects the TypeScript reducer gives for each.
 *
 *   npx tsx test/logic/identity-author.ts           # check: every file matches its scenario
 *   npx tsx test/logic/identity-author.ts --write   # (re)write; expected = current output
 *
 * A rewritten vector must be reviewed by hand (git diff) before it is committed.
 */
import * as path from 'node:path';
import { refreshGoldens } from './goldens';
import { runIdentityVector, T0, type IdentityStep, type IdentityVector } from './identity-run';

export const IDENTITY_VECTOR_DIR = path.join(__dirname, '..', 'vectors', 'core');

type Obj = Record<string, unknown>;

/** Steps one after the other, `dt` ms apart unless told. */
class Steps {
  steps: IdentityStep[] = [];
  t = T0;
  add(input: Obj, after = 10): this {
    this.t += after;
    this.steps.push({ t: this.t, input });
    return this;
  }
  request(kind: string, identities: unknown, after = 10): this {
    return this.add({ kind, request: { userIdentities: identities } }, after);
  }
  answer(code: number, text: string, more: Obj = {}, after = 100): this {
    return this.add({ kind: 'answer', code, text, random: 0.5, ...more }, after);
  }
  pump(after = 1): this {
    return this.add({ kind: 'pump' }, after);
  }
  publish(): this {
    return this.add({ kind: 'publish' }, 1);
  }
}

const KNOWN_USER = {
  mpid: '1001',
  users: { '1001': { ui: { customerid: { i: 'c1', dfs: T0 - 5000, f: true }, email: { i: 'a@example.com', dfs: T0 - 5000, f: true } }, ua: { tier: 'gold' } } },
  session: { active: true, mpids: ['1001'] },
  context: 'ctx-0',
};

export const IDENTITY_SCENARIOS: Omit<IdentityVector, 'expected'>[] = [
  {
    name: 'identity-first-user',
    description: 'The first identify names the user: what was set before (attributes, consent) goes to it, queued messages get its MPID; a modify then changes its identities.',
    steps: new Steps()
      .request('identify', { customerid: 'c1', email: 'a@example.com' })
      .pump()
      .add({ kind: 'setUserAttribute', key: 'age', value: 30 })
      .add({ kind: 'setConsentState', consent: { gdpr: { analytics: { c: true, ts: 1 } } } })
      .publish()
      .answer(200, '{"mpid":"1001","context":"ctx-1","is_ephemeral":false}')
      .publish()
      .request('modify', { email: 'b@example.com', other: 'o1' })
      .pump()
      .answer(200, '{"change_results":[]}')
      .publish()
      .publish().steps,
  },
  {
    name: 'identity-login-logout',
    description: 'A known user logs in as another (identity changes logged under the previous MPID, the session lists both) and logs out (the new user keeps no identity of the previous one).',
    state: KNOWN_USER,
    steps: new Steps()
      .request('login', { customerid: 'c2' })
      .pump()
      .answer(200, '{"mpid":"2002"}')
      .publish()
      .request('logout', {})
      .pump()
      .answer(200, '{"mpid":"3003","context":"ctx-3"}')
      .publish()
      .request('identify', { customerid: 'c1' })
      .pump()
      .answer(200, '{"mpid":"1001"}')
      .publish().steps,
  },
  {
    name: 'identity-errors',
    description: 'Retries with backoff for 5xx, 429 with Retry-After and transport failures (same request id again); 400, 401 and 403 refuse the credentials; other 4xx drop the request; each final outcome is published.',
    state: KNOWN_USER,
    steps: new Steps()
      .request('identify', { customerid: 'c1' })
      .pump()
      .answer(500, '')
      .pump(10)
      .pump(1000)
      .answer(503, '', { retryAfter: '2' })
      .pump(1000)
      .pump(1100)
      .answer(429, '{"message":"slow down"}', { retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' })
      .pump(0)
      .pump(40000)
      .answer(-28, '')
      .pump(70000)
      .answer(401, '{"errors":[]}')
      .request('login', { email: 'x@example.com' })
      .pump()
      .answer(400, 'bad request')
      .request('login', { email: 'x@example.com' })
      .pump()
      .answer(403, '')
      .request('modify', { email: 'x@example.com' })
      .pump()
      .answer(404, '')
      .request('identify', {})
      .pump()
      .answer(-1, '')
      .pump(2000)
      .answer(200, '{"mpid":"1001"}')
      .publish().steps,
  },
  {
    name: 'identity-malformed-answers',
    description: 'A 2xx without a usable mpid (empty, not JSON, an array, mpid "0") is retried; a number mpid is taken as a string; a modify answer that is not JSON is ignored.',
    steps: new Steps()
      .request('identify', { customerid: 'c1' })
      .pump()
      .answer(200, '')
      .pump(2000)
      .answer(200, '<html>proxy error</html>')
      .pump(5000)
      .answer(202, '[1,2]')
      .pump(10000)
      .answer(200, '{"mpid":"0"}')
      .pump(20000)
      .answer(200, '{"mpid":8675309,"context":null}')
      .publish()
      .request('modify', { customerid: 'c9' })
      .pump()
      .answer(200, '')
      .request('modify', { customerid: 'c9' })
      .pump()
      .answer(200, 'not json')
      .publish().steps,
  },
  {
    name: 'identity-late-answers',
    description: 'Requests go one at a time in call order; an answer that comes after an opt-out emptied the queue (the request was out) takes no later request off it, and the next request starts from the user it names; opted out, requests are not queued.',
    steps: new Steps()
      .request('identify', { customerid: 'c1' })
      .request('login', { customerid: 'c2' })
      .pump()
      .pump()
      .add({ kind: 'optOut' })
      .request('login', { customerid: 'c3' })
      .add({ kind: 'optIn' })
      .request('login', { customerid: 'c4' })
      .pump()
      .answer(200, '{"mpid":"1001"}', { of: 0 })
      .publish()
      .pump()
      .add({ kind: 'optOut' })
      .add({ kind: 'optIn' })
      .request('modify', { email: 'e@example.com' })
      .pump(60000)
      .answer(200, '{"mpid":"4004"}')
      .pump()
      .answer(200, '{}')
      .publish().steps,
  },
  {
    name: 'identity-attributes-consent',
    description: 'User attribute values as strings (arrays of strings), a change logged with the old value, a removal, no message for an unchanged value or a missing key; consent must be an object; the user field is published once per tick and not when unchanged.',
    state: KNOWN_USER,
    steps: new Steps()
      .add({ kind: 'setUserAttribute', key: 'age', value: 30 })
      .add({ kind: 'setUserAttribute', key: 'age', value: '30' })
      .add({ kind: 'setUserAttribute', key: 'tags', value: ['a', 2, true] })
      .add({ kind: 'setUserAttribute', key: 'tier', value: 'silver' })
      .add({ kind: 'setUserAttribute', key: 'vip', value: false })
      .publish()
      .publish()
      .add({ kind: 'removeUserAttribute', key: 'vip' })
      .add({ kind: 'removeUserAttribute', key: 'none' })
      .add({ kind: 'setUserAttribute', key: 'vip', value: 'false' })
      .publish()
      .add({ kind: 'setConsentState', consent: 'yes' })
      .add({ kind: 'setConsentState', consent: { ccpa: { data_sale_opt_out: { c: false } } } })
      .publish()
      .add({ kind: 'setConsentState', consent: { ccpa: { data_sale_opt_out: { c: false } } } })
      .publish().steps,
  },
  {
    name: 'identity-bad-requests',
    description: 'Unknown identity types, empty or non-string values and userIdentities that is not an object are logged and left out; type names are taken in lower case; a Task without credentials does nothing.',
    steps: new Steps()
      .request('identify', 'customerid=c1')
      .request('login', { nosuch: 'x' })
      .request('login', { customerid: '' })
      .request('login', { email: 12 })
      .request('login', { CustomerID: 'c5' })
      .add({ kind: 'identify', request: 'not a request' })
      .add({ kind: 'identify' })
      .add({ kind: 'unknownInput' })
      .pump()
      .answer(200, '{"mpid":"5005"}')
      .pump()
      .publish().steps,
  },
  {
    name: 'identity-not-ready',
    description: 'Without credentials nothing is queued, sent, stored or published.',
    state: { ready: false },
    steps: new Steps()
      .request('identify', { customerid: 'c1' })
      .pump()
      .add({ kind: 'setUserAttribute', key: 'age', value: 30 })
      .add({ kind: 'setConsentState', consent: {} })
      .add({ kind: 'optOut' })
      .publish().steps,
  },
];

/** A scenario with the effects the reducer gives now. */
export function authorIdentityVector(s: Omit<IdentityVector, 'expected'>): IdentityVector {
  return { ...s, expected: runIdentityVector(s).effects };
}

if (require.main === module) {
  refreshGoldens(IDENTITY_SCENARIOS.map((s) => ({ file: path.join(IDENTITY_VECTOR_DIR, `${s.name}.json`), text: JSON.stringify(authorIdentityVector(s), null, 1) + '\n' })));
}
