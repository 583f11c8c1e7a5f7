import { strict as assert } from 'assert';
import { DEFAULT_OPTIONS, OPTIONS } from '../../src-ts/schema';
import { coreEndpoints, coreIdentityUrl, corePod, coreUrlPath, coreValidateOptions, coreValueKind } from '../../src-ts/logic/core-options';

const SECRET = 'top-secret-value';

describe('core options', () => {
  it('fills every option with its default when none is given', () => {
    const r = coreValidateOptions({ apiKey: 'us1-abc', apiSecret: SECRET });
    assert.equal(r.ready, true);
    assert.deepEqual(r.errors, []);
    for (const spec of OPTIONS) {
      assert.ok(spec.name in r.options, spec.name);
      if (spec.name !== 'apiKey' && spec.name !== 'apiSecret') assert.deepEqual(r.options[spec.name], spec.default, spec.name);
    }
    assert.equal(r.options.queueBudgetBytes, DEFAULT_OPTIONS.queueBudgetBytes);
  });

  it('keeps values of the right type', () => {
    const r = coreValidateOptions({ apiKey: 'k', apiSecret: SECRET, logLevel: 3, sessionTimeoutMillis: 5000, enablePinning: false, endpoints: { events: 'http://127.0.0.1:1' }, dataPlanId: 'plan' });
    assert.deepEqual(r.errors, []);
    assert.equal(r.options.logLevel, 3);
    assert.equal(r.options.sessionTimeoutMillis, 5000);
    assert.equal(r.options.enablePinning, false);
    assert.equal(r.options.dataPlanId, 'plan');
  });

  it('replaces each value of the wrong type by its default with one error line that does not show the value', () => {
    const r = coreValidateOptions({ apiKey: 'k', apiSecret: SECRET, logLevel: 'verbose', sessionTimeoutMillis: 1.5, enablePinning: 'yes', endpoints: 'http://x', startupArgs: [1] });
    assert.equal(r.errors.length, 5);
    assert.equal(r.options.logLevel, 1);
    assert.equal(r.options.sessionTimeoutMillis, 60000);
    assert.equal(r.options.enablePinning, true);
    assert.equal(r.options.endpoints, null);
    assert.equal(r.options.startupArgs, null);
    assert.match(r.errors.join('\n'), /option logLevel must be integer, got string/);
    assert.ok(!r.errors.join('\n').includes('verbose'));
  });

  it('rejects out-of-range numbers', () => {
    const r = coreValidateOptions({ apiKey: 'k', apiSecret: SECRET, logLevel: 9, environment: -1, uploadIntervalMillis: 0, queueBudgetBytes: -5, registryReserveBytes: -1 });
    assert.equal(r.errors.length, 5);
    assert.equal(r.options.logLevel, 1);
    assert.equal(r.options.environment, 0);
    assert.equal(r.options.uploadIntervalMillis, 10000);
    assert.equal(r.options.queueBudgetBytes, DEFAULT_OPTIONS.queueBudgetBytes);
    assert.equal(r.options.registryReserveBytes, DEFAULT_OPTIONS.registryReserveBytes);
    assert.equal(coreValidateOptions({ apiKey: 'k', apiSecret: SECRET, registryReserveBytes: 0 }).options.registryReserveBytes, 0, 'no reserve is a choice');
  });

  it('is not ready without apiKey or apiSecret, with one clear error', () => {
    for (const given of [undefined, {}, { apiKey: 'k' }, { apiSecret: SECRET }, { apiKey: 'k', apiSecret: 42 }]) {
      const r = coreValidateOptions(given);
      assert.equal(r.ready, false);
      assert.equal(r.errors.filter((e) => e.includes('apiKey and apiSecret are required')).length, 1);
    }
    assert.ok(!coreValidateOptions({ apiKey: 'k', apiSecret: 42 }).errors.join().includes('42'));
  });

  it('never puts the secret in an error line', () => {
    const r = coreValidateOptions({ apiKey: 7, apiSecret: SECRET, logLevel: SECRET });
    assert.ok(!r.errors.join('\n').includes(SECRET));
  });

  it('says what a value is', () => {
    assert.equal(coreValueKind(null), 'missing');
    assert.equal(coreValueKind(undefined), 'missing');
    assert.equal(coreValueKind([]), 'array');
    assert.equal(coreValueKind({}), 'object');
    assert.equal(coreValueKind(2), 'integer');
    assert.equal(coreValueKind(2.5), 'number');
    assert.equal(coreValueKind(true), 'boolean');
    assert.equal(coreValueKind('x'), 'string');
  });
});

describe('core endpoints', () => {
  it('routes by the pod prefix of the API key', () => {
    assert.equal(corePod('us1-abc'), 'us1');
    assert.equal(corePod('us2-abc'), 'us2');
    assert.equal(corePod('EU1-abc'), 'eu1');
    assert.equal(corePod('au1-abc'), 'au1');
    assert.equal(corePod('abcdef'), 'us1');
    assert.equal(corePod('xx1-abc'), 'us1');
    const e = coreEndpoints('eu1-key', undefined);
    assert.equal(e.eventsUrl, 'https://nativesdks.eu1.mparticle.com/v2/eu1-key/events');
    assert.equal(e.eventsPath, '/v2/eu1-key/events');
    assert.equal(e.identityBase, 'https://identity.eu1.mparticle.com');
    assert.equal(coreEndpoints('legacy', null).eventsUrl, 'https://nativesdks.us1.mparticle.com/v2/legacy/events');
  });

  it('lets base URLs win over the pod, each one on its own', () => {
    const e = coreEndpoints('au1-key', { events: 'http://127.0.0.1:8080/', identity: 'https://id.example.com' });
    assert.equal(e.eventsUrl, 'http://127.0.0.1:8080/v2/au1-key/events');
    assert.equal(e.eventsPath, '/v2/au1-key/events');
    assert.equal(e.identityBase, 'https://id.example.com');
    const only = coreEndpoints('au1-key', { identity: 'https://id.example.com/proxy' });
    assert.equal(only.eventsUrl, 'https://nativesdks.au1.mparticle.com/v2/au1-key/events');
    assert.equal(coreIdentityUrl(only.identityBase, 'login', '5'), 'https://id.example.com/proxy/v1/login');
    assert.equal(coreIdentityUrl(only.identityBase, 'modify', '5'), 'https://id.example.com/proxy/v1/5/modify');
    assert.equal(coreEndpoints('k', { events: 42, identity: '' }).eventsUrl, 'https://nativesdks.us1.mparticle.com/v2/k/events');
  });

  it('signs the path of the URL', () => {
    assert.equal(coreUrlPath('https://h.example.com/mp/v2/k/events'), '/mp/v2/k/events');
    assert.equal(coreUrlPath('http://127.0.0.1:99/v1/identify?x=1'), '/v1/identify');
    assert.equal(coreUrlPath('https://h.example.com'), '/');
    assert.equal(coreUrlPath('/v1/login'), '/v1/login');
    // The path ends at the first "?" or "#", whichever comes first.
    assert.equal(coreUrlPath('https://h.example.com/a/b#frag?x=1'), '/a/b');
    assert.equal(coreUrlPath('https://h.example.com/a/b?x=1#frag'), '/a/b');
    assert.equal(coreUrlPath('https://h.example.com/a://b'), '/a://b');
  });
});
