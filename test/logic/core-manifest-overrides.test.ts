import { strict as assert } from 'assert';
import { coreEndpoints, coreManifestOverrides, coreValidateOptions } from '../../src-ts/logic/core-options';

describe('core manifest overrides (mparticle-roku sim)', () => {
  const base = () => coreValidateOptions({ apiKey: 'us2-abc', apiSecret: 's', uploadIntervalMillis: 30000, endpoints: { events: 'https://cname.example' } }).options;

  it('changes nothing when the manifest has neither key', () => {
    const options = base();
    const before = JSON.stringify(options);
    assert.deepEqual(coreManifestOverrides(options, '', 0), []);
    assert.equal(JSON.stringify(options), before);
  });

  it('sends both APIs to mparticle_endpoint, whatever the channel configured, and says so', () => {
    const options = base();
    const lines = coreManifestOverrides(options, 'http://192.168.1.5:8787/', 0);
    assert.deepEqual(coreEndpoints('us2-abc', options.endpoints), {
      eventsUrl: 'http://192.168.1.5:8787/v2/us2-abc/events',
      eventsPath: '/v2/us2-abc/events',
      identityBase: 'http://192.168.1.5:8787',
    });
    assert.equal(options.uploadIntervalMillis, 30000);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /mparticle_endpoint=http:\/\/192\.168\.1\.5:8787 .*never ship it/);
  });

  it('takes an upload interval above 0 only', () => {
    const options = base();
    assert.equal(coreManifestOverrides(options, '', -5).length, 0);
    assert.equal(options.uploadIntervalMillis, 30000);
    const lines = coreManifestOverrides(options, '', 500);
    assert.equal(options.uploadIntervalMillis, 500);
    assert.match(lines[0], /mparticle_upload_interval_ms=500 /);
  });
});
