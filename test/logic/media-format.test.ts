import { strict as assert } from 'assert';
import {
  mediaAsObject,
  mediaAddCustom,
  mediaFormatCustom,
  mediaFormatScalar,
  mediaMergeAttributes,
  mediaNumberArgError,
} from '../../src-ts/logic/media-format';
import { mediaAdTimeRate } from '../../src-ts/logic/media-attributes';
import { MEDIA_ATTRIBUTE } from '../../src-ts/schema';

/** The custom attributes of one event, as mediaReduce builds them: the session's, overlaid by the call's. */
function customAttributes(sessionAttributes: unknown, options: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  mediaAddCustom(out, sessionAttributes);
  mediaAddCustom(out, options);
  return out;
}

describe('media attribute formatting', () => {
  it('the SDK attribute keys are all lower case: mediaMergeAttributes finds a clash by lower-casing the custom key', () => {
    for (const key of Object.values(MEDIA_ATTRIBUTE)) assert.equal(key, key.toLowerCase(), key);
  });

  it('formats scalars as JavaScript prints them', () => {
    assert.equal(mediaFormatScalar(1593007533602), '1593007533602');
    assert.equal(mediaFormatScalar(25.5), '25.5');
    assert.equal(mediaFormatScalar(-0.25), '-0.25');
    assert.equal(mediaFormatScalar(true), 'true');
    assert.equal(mediaFormatScalar(''), '');
    assert.equal(mediaFormatScalar(null), undefined);
    assert.equal(mediaFormatScalar({ a: 1 }), undefined);
  });

  it('formats custom values of other types as JSON and drops null/undefined', () => {
    assert.equal(mediaFormatCustom(['ABC890']), '["ABC890"]');
    assert.equal(mediaFormatCustom({ k: [1] }), '{"k":[1]}');
    assert.equal(mediaFormatCustom(null), undefined);
    assert.equal(mediaFormatCustom(undefined), undefined);
  });

  it('treats only plain objects as associative arrays', () => {
    assert.deepEqual(mediaAsObject({ a: 1 }), { a: 1 });
    assert.equal(mediaAsObject([1]), undefined);
    assert.equal(mediaAsObject('s'), undefined);
    assert.equal(mediaAsObject(null), undefined);
  });

  it('accepts absent or numeric arguments and names the wrong type otherwise', () => {
    assert.equal(mediaNumberArgError('position', undefined), '');
    assert.equal(mediaNumberArgError('position', null), '');
    assert.equal(mediaNumberArgError('position', 1.5), '');
    assert.equal(mediaNumberArgError('position', '1'), 'argument position must be a number, got string');
  });

  it('lets per-call options win over session attributes, ignoring case', () => {
    assert.deepEqual(customAttributes({ Source: 'session', keep: 'k' }, { source: 'call', gone: null }), { keep: 'k', source: 'call' });
    assert.deepEqual(customAttributes('nope', undefined), {});
  });

  it('lets SDK attributes win over custom ones, ignoring case', () => {
    assert.deepEqual(mediaMergeAttributes({ MEDIA_SESSION_ID: 'spoof', mine: 'x' }, { media_session_id: 'real' }), { mine: 'x', media_session_id: 'real' });
  });

  it('rounds the ad time rate to two decimals and never divides by zero', () => {
    assert.equal(mediaAdTimeRate(16000, 19400), 82.47);
    assert.equal(mediaAdTimeRate(1, 3), 33.33);
    assert.equal(mediaAdTimeRate(5, 0), 0);
  });
});
