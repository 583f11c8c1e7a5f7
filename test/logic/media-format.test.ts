import { strict as assert } from 'assert';
import {
  mediaAsObject,
  mediaCustomAttributes,
  mediaFormatCustom,
  mediaFormatScalar,
  mediaMergeAttributes,
  mediaNumberArgError,
} from '../../src-ts/logic/media-format';
import { mediaAdTimeRate } from '../../src-ts/logic/media-attributes';

describe('media attribute formatting', () => {
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
    assert.deepEqual(mediaCustomAttributes({ Source: 'session', keep: 'k' }, { source: 'call', gone: null }), { keep: 'k', source: 'call' });
    assert.deepEqual(mediaCustomAttributes('nope', undefined), {});
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
