// Fixes of brs-engine 2.2.0 where it differs from a Roku device, prepended to the worker
// script (see assets.ts); the text replacements that call these helpers are the named patches
// of patches.ts. Each is applied by text replacement of the minified engine and
// fails loudly when the engine changes, so a fix never silently stops applying.

// FormatJson on a device escapes quotes, backslashes and control characters in strings; the
// engine writes them raw, which turns any attribute value containing a quote into invalid JSON.
function __mpJsonEscape(s) {
  return s.replace(/["\\\u0000-\u001f]/g, function (c) {
    if (c === '"') return '\\"';
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  });
}

// A `return` executed, on its way to its function's call (patches.ts, return-is-a-jump): the
// engine's ReturnValue is an Error, and an Error made in these workers records a detailed stack
// trace of the interpreter's recursion (most likely for DevTools, attached by Playwright), ~12 us,
// whatever Error.stackTraceLimit says.
class __MpReturn {
  constructor(location, value) {
    this.location = location;
    this.value = value;
  }
}

// A request of an app the page has ended (patch ended-app-sends-nothing) never leaves: on a
// device the app is gone. The flag is set by the page (patch registry-flush-is-durable).
function __mpWaitIfEnded(device) {
  var ended = device && device.mpAppEnded;
  if (!(ended instanceof Int32Array)) return;
  while (Atomics.load(ended, 0) === 1) Atomics.wait(ended, 0, 1, 1000);
}
