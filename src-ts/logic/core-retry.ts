/**
 * What an HTTP answer means for the request that got it, and how long to wait before trying
 * again. Pure: the caller passes the time and a random number in [0, 1) for the jitter.
 */
import { Double, Int, Long } from '../schema/numeric';
import { CoreResponseDecision } from './core-types';

/** First retry delay; doubled on each failure in a row. */
const CORE_BACKOFF_START_MILLIS = 1000;
/** The reference SDK never waits longer than 2 h between attempts. */
const CORE_BACKOFF_CEILING_MILLIS = 7200000;

/**
 * "accepted" (2xx), "backoff" (429/503: the server asks us to slow down), "reject" (400/401/403:
 * bad credentials or a batch the server will never take), "retry" (other 5xx, 408, and the
 * negative or zero codes of transport failures and timeouts), "drop" (any other answer).
 */
export function coreResponseAction(code: Int): string {
  if (code >= 200 && code < 300) {
    return 'accepted';
  }
  if (code === 429 || code === 503) {
    return 'backoff';
  }
  if (code === 400 || code === 401 || code === 403) {
    return 'reject';
  }
  if (code >= 500 || code <= 0 || code === 408) {
    return 'retry';
  }
  return 'drop';
}

/**
 * `startMillis` doubled `doublings` times, or until it reaches `ceilingMillis` (it may pass it
 * by the last doubling: the caller bounds the result).
 */
export function coreDoubledMillis(startMillis: Long, doublings: Int, ceilingMillis: Long): Long {
  let delay: Long = startMillis;
  for (let i: Int = 0; i < doublings && delay < ceilingMillis; i++) {
    delay = delay * 2;
  }
  return delay;
}

/**
 * Exponential backoff: 1 s for the first failure, doubling per failure in a row, never above
 * 2 h. The jitter adds up to a quarter of the delay so that many devices that failed together
 * do not retry together.
 */
export function coreBackoffMillis(attempt: Int, random: Double): Long {
  const nominal: Long = coreDoubledMillis(CORE_BACKOFF_START_MILLIS, attempt, CORE_BACKOFF_CEILING_MILLIS);
  let r: Double = random;
  if (r < 0 || r >= 1) {
    r = 0;
  }
  const jittered: Long = nominal + Math.floor((r * nominal) / 4);
  return Math.min(jittered, CORE_BACKOFF_CEILING_MILLIS);
}

/** Digits of a string as a number, or -1 when it is empty, too long, or not all digits. */
export function coreParseDigits(text: string): Long {
  const digits: string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  if (text.length === 0 || text.length > 15) {
    return -1;
  }
  let value: Long = 0;
  for (let i: Int = 0; i < text.length; i++) {
    const d: Int = digits.indexOf(text.substring(i, i + 1));
    if (d < 0) {
      return -1;
    }
    value = value * 10 + d;
  }
  return value;
}

/** A string without leading and trailing spaces and tabs. */
export function coreTrim(text: string): string {
  let start: Int = 0;
  let end: Int = text.length;
  while (start < end && (text.substring(start, start + 1) === ' ' || text.substring(start, start + 1) === '\t')) {
    start++;
  }
  while (end > start && (text.substring(end - 1, end) === ' ' || text.substring(end - 1, end) === '\t')) {
    end--;
  }
  return text.substring(start, end);
}

/** The words of a string separated by spaces and commas. */
function coreWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  for (let i: Int = 0; i < text.length; i++) {
    const c = text.substring(i, i + 1);
    if (c === ' ' || c === ',') {
      if (current !== '') {
        words.push(current);
      }
      current = '';
    } else {
      current = current + c;
    }
  }
  if (current !== '') {
    words.push(current);
  }
  return words;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function coreDaysFromCivil(year: Int, month: Int, day: Int): Long {
  let y: Long = year;
  if (month <= 2) {
    y = y - 1;
  }
  const era: Long = Math.floor(y / 400);
  const yoe: Long = y - era * 400;
  let mp: Long = month + 9;
  if (month > 2) {
    mp = month - 3;
  }
  const doy: Long = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe: Long = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Unix ms of an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`), or -1 when it is not one. */
export function coreParseHttpDate(text: string): Long {
  const months: string[] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const words = coreWords(text);
  if (words.length < 5) {
    return -1;
  }
  const day = coreParseDigits(words[1]);
  const month: Int = months.indexOf(words[2].toLowerCase());
  const year = coreParseDigits(words[3]);
  const time = words[4];
  if (day < 1 || day > 31 || month < 0 || year < 1970 || time.length !== 8) {
    return -1;
  }
  const hours = coreParseDigits(time.substring(0, 2));
  const minutes = coreParseDigits(time.substring(3, 5));
  const seconds = coreParseDigits(time.substring(6, 8));
  if (hours < 0 || minutes < 0 || seconds < 0 || time.substring(2, 3) !== ':' || time.substring(5, 6) !== ':') {
    return -1;
  }
  const days: Long = coreDaysFromCivil(year, month + 1, day);
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * A Retry-After header value (seconds, or an HTTP date) as milliseconds to wait from `now`,
 * capped at the backoff ceiling; -1 when absent or unreadable.
 */
export function coreParseRetryAfter(value: unknown, now: Long): Long {
  if (typeof value !== 'string') {
    return -1;
  }
  const text = coreTrim(value as string);
  let wait: Long = -1;
  const seconds = coreParseDigits(text);
  if (seconds >= 0) {
    wait = seconds * 1000;
  } else {
    const at = coreParseHttpDate(text);
    if (at < 0) {
      return -1;
    }
    wait = at - now;
    if (wait < 0) {
      wait = 0;
    }
  }
  return Math.min(wait, CORE_BACKOFF_CEILING_MILLIS);
}

/**
 * The decision for one answer. `attempt` counts the failures in a row before this one;
 * `retryAfterMillis` is coreParseRetryAfter's result (-1: none).
 */
export function coreDecideResponse(code: Int, retryAfterMillis: Long, attempt: Int, random: Double): CoreResponseDecision {
  const action = coreResponseAction(code);
  let delay: Long = 0;
  let next: Int = 0;
  if (action === 'backoff') {
    next = attempt + 1;
    if (retryAfterMillis >= 0) {
      delay = retryAfterMillis;
    } else {
      delay = coreBackoffMillis(attempt, random);
    }
  } else if (action === 'retry' || action === 'reject') {
    // A rejected batch is dropped, but the next one waits too: with bad credentials every
    // batch would be rejected, and sending them back to back helps nobody.
    next = attempt + 1;
    delay = coreBackoffMillis(attempt, random);
  }
  const decision: CoreResponseDecision = { action: action, delayMillis: delay, nextAttempt: next };
  return decision;
}
