/**
 * How channel-provided values become attribute strings, and how custom attributes merge.
 * Every value mParticle receives is a string; the same rules hold in BrightScript because
 * `String()` lowers to `mParticle_str` (integers without decimals or exponent, decimals as
 * JavaScript prints them, booleans as "true"/"false") and `JSON.stringify` to `FormatJson`.
 */

/**
 * Whether the channel value is a plain object (a BrightScript AA), not invalid, a string or
 * an array: a session field that must be an AA and holds an array is treated as missing. The
 * media logic asks it of every call's session, arguments and options: written out where it is
 * called (`@inline`), as one pair of type names (docs/typescript-subset.md).
 *
 * @inline
 */
export function mediaIsRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && !Array.isArray(v) && v !== null;
}

/**
 * The channel value as a plain object (mediaIsRecord), or undefined when it is anything else.
 *
 * @inline
 */
export function mediaAsObject(v: unknown): Record<string, unknown> | undefined {
  if (!mediaIsRecord(v)) {
    return undefined;
  }
  return v;
}

/**
 * A string, number or boolean as an attribute string; undefined for anything else. Used for
 * the session object's own fields (content, ad, segment), where an object or array is a
 * channel mistake and the field is treated as missing rather than sent as JSON.
 */
export function mediaFormatScalar(v: unknown): string | undefined {
  if (typeof v === 'string') {
    return v as string;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    return String(v);
  }
  return undefined;
}

/**
 * A custom attribute value as an attribute string. Scalars as `mediaFormatScalar`; arrays and
 * objects as JSON so that nothing the channel sends is silently lost. undefined/null (invalid)
 * give undefined: the key is dropped, with no error, because a channel that clears an
 * attribute by setting it to invalid means "no value", not the string "null".
 */
export function mediaFormatCustom(v: unknown): string | undefined {
  const scalar = mediaFormatScalar(v);
  if (scalar !== undefined) {
    return scalar;
  }
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'object') {
    return JSON.stringify(v);
  }
  return undefined;
}

/**
 * A numeric call argument: undefined when absent (invalid), the number when it is one, and
 * the error text when it has another type. Absent arguments are tolerated (their attribute is
 * left out) because the Task already rejects a call that omits a required one.
 */
export function mediaNumberArgError(name: string, v: unknown): string {
  if (typeof v === 'number') {
    return '';
  }
  if (v === undefined || v === null) {
    return '';
  }
  return `argument ${name} must be a number, got ${typeof v}`;
}

/** Removes every key of `out` that equals `key` ignoring case (BrightScript AA keys are case-insensitive). */
export function mediaDeleteKeyNoCase(out: Record<string, string>, key: string): void {
  const lower = key.toLowerCase();
  for (const k of Object.keys(out)) {
    if (k.toLowerCase() === lower) {
      delete out[k];
    }
  }
}

/**
 * Adds the formatted entries of a channel AA to `out`; later sources win, case-insensitively.
 * Runs for every media call: written out where it is called.
 *
 * @inline
 */
export function mediaAddCustom(out: Record<string, string>, source: unknown): void {
  if (!mediaIsRecord(source)) {
    return;
  }
  for (const k of Object.keys(source)) {
    // Strings (most custom values) need no formatting.
    const value = source[k];
    if (typeof value === 'string') {
      mediaSetCustom(out, k, value as string);
    } else {
      const formatted = mediaFormatCustom(value);
      if (formatted !== undefined) {
        mediaSetCustom(out, k, formatted);
      }
    }
  }
}

/**
 * Sets custom attribute `k` of `out`, replacing one whose key differs only in case. An empty
 * `out` (the session's attributes, usually) needs no case-insensitive replace.
 *
 * @inline
 */
export function mediaSetCustom(out: Record<string, string>, k: string, v: string): void {
  if (Object.keys(out).length > 0) {
    mediaDeleteKeyNoCase(out, k);
  }
  out[k] = v;
}

/**
 * Adds the custom attributes to a fresh set of the SDK's, the SDK's winning on a clash
 * (compared ignoring case) so that a custom `media_session_id` or `content_id` can never
 * disguise which session or content an event belongs to. The SDK's keys are the schema's
 * attribute keys, all lower case (test/logic/media-format.test.ts checks it), and custom keys
 * differ from each other in more than case (mediaAddCustom), so a lower-cased custom key finds
 * its clash in `sdk` as it fills. Written out where it is called: it runs for every event
 * with custom attributes.
 *
 * @inline
 */
export function mediaAddUnclashed(sdk: Record<string, string>, custom: Record<string, string>): void {
  for (const k of Object.keys(custom)) {
    if (!(k.toLowerCase() in sdk)) {
      sdk[k] = custom[k];
    }
  }
}

/** The attributes of one event: the custom ones and a copy of the SDK's (mediaAddUnclashed). */
export function mediaMergeAttributes(custom: Record<string, string>, sdk: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = Object.assign({}, sdk);
  mediaAddUnclashed(merged, custom);
  return merged;
}
