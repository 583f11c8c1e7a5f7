import { strict as assert } from 'assert';
import {
  coreBackoffMillis,
  coreDaysFromCivil,
  coreDecideResponse,
  coreParseDigits,
  coreParseHttpDate,
  coreParseRetryAfter,
  coreResponseAction,
  coreTrim,
} from '../../src-ts/logic/core-retry';

const HOUR2 = 2 * 3600 * 1000;

describe('core retry policy', () => {
  it('classifies answers', () => {
    assert.equal(coreResponseAction(202), 'accepted');
    assert.equal(coreResponseAction(200), 'accepted');
    assert.equal(coreResponseAction(429), 'backoff');
    assert.equal(coreResponseAction(503), 'backoff');
    assert.equal(coreResponseAction(400), 'reject');
    assert.equal(coreResponseAction(401), 'reject');
    assert.equal(coreResponseAction(403), 'reject');
    for (const code of [500, 502, 504, 408, 0, -1, -28, -77]) assert.equal(coreResponseAction(code), 'retry', String(code));
    for (const code of [404, 413, 302]) assert.equal(coreResponseAction(code), 'drop', String(code));
  });

  it('backs off from 1 s, doubling, to a 2 h ceiling', () => {
    const nominal = [1000, 2000, 4000, 8000, 16000];
    nominal.forEach((n, attempt) => assert.equal(coreBackoffMillis(attempt, 0), n));
    assert.equal(coreBackoffMillis(12, 0), 4096000);
    assert.equal(coreBackoffMillis(13, 0), HOUR2);
    assert.equal(coreBackoffMillis(40, 0.99), HOUR2);
    assert.equal(coreBackoffMillis(10000, 0.5), HOUR2);
  });

  it('adds up to a quarter of jitter from the caller random number', () => {
    assert.equal(coreBackoffMillis(0, 0.5), 1125);
    assert.equal(coreBackoffMillis(3, 0.999), 8000 + Math.floor(0.999 * 8000 / 4));
    for (let attempt = 0; attempt < 20; attempt++) {
      for (const r of [0, 0.1, 0.5, 0.9, 0.9999]) {
        const d = coreBackoffMillis(attempt, r);
        const n = Math.min(1000 * 2 ** attempt, HOUR2);
        assert.ok(d >= n && d <= Math.min(n * 1.25, HOUR2), `${attempt} ${r} ${d}`);
      }
    }
    assert.equal(coreBackoffMillis(0, 7), 1000, 'a random number outside [0, 1) is ignored');
  });

  it('honours Retry-After seconds and HTTP dates', () => {
    const now = Date.UTC(2015, 9, 21, 7, 27, 0);
    assert.equal(coreParseRetryAfter('120', now), 120000);
    assert.equal(coreParseRetryAfter(' 3 ', now), 3000);
    assert.equal(coreParseRetryAfter('0', now), 0);
    assert.equal(coreParseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now), 60000);
    assert.equal(coreParseRetryAfter('Wed, 21 Oct 2015 07:20:00 GMT', now), 0);
    assert.equal(coreParseRetryAfter('999999', now), HOUR2);
    for (const bad of [undefined, null, 12, '', 'soon', '-5', '1.5', 'Wed, 41 Oct 2015 07:28:00 GMT', 'Wed, 21 Foo 2015 07:28:00 GMT', 'Wed, 21 Oct 2015 0728:00 GMT']) {
      assert.equal(coreParseRetryAfter(bad, now), -1, String(bad));
    }
  });

  it('parses dates like Date.UTC', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2015, 10, 21], [2024, 12, 31], [2100, 3, 1]]) {
      assert.equal(coreDaysFromCivil(y, m, d) * 86400000, Date.UTC(y, m - 1, d));
    }
    assert.equal(coreParseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'), Date.UTC(1994, 10, 6, 8, 49, 37));
    assert.equal(coreParseDigits('0123'), 123);
    assert.equal(coreParseDigits('12a'), -1);
    assert.equal(coreTrim('\t a b \t'), 'a b');
  });

  it('decides: Retry-After wins on 429/503, else backoff; retries count up; acceptance resets', () => {
    assert.deepEqual(coreDecideResponse(503, 5000, 0, 0.5), { action: 'backoff', delayMillis: 5000, nextAttempt: 1 });
    assert.deepEqual(coreDecideResponse(429, -1, 2, 0), { action: 'backoff', delayMillis: 4000, nextAttempt: 3 });
    assert.deepEqual(coreDecideResponse(500, 5000, 1, 0), { action: 'retry', delayMillis: 2000, nextAttempt: 2 });
    assert.deepEqual(coreDecideResponse(-77, -1, 0, 0), { action: 'retry', delayMillis: 1000, nextAttempt: 1 });
    assert.deepEqual(coreDecideResponse(202, -1, 9, 0), { action: 'accepted', delayMillis: 0, nextAttempt: 0 });
    assert.equal(coreDecideResponse(401, -1, 0, 0).action, 'reject');
    assert.equal(coreDecideResponse(404, -1, 3, 0).nextAttempt, 0);
  });
});
