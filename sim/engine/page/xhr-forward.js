// Loaded in the page and prepended to brs.worker.js (main interpreter and Task threads).
// Browsers silently drop the forbidden request headers Date and User-Agent, so a request
// signed over its Date header could never be verified. Forward them under harness names;
// the loopback collector reads them back. A real device sends Date as is.
(function () {
  if (typeof XMLHttpRequest === 'undefined' || XMLHttpRequest.prototype.__mpHarnessForward) return;
  var FORWARD = { 'date': 'x-mp-harness-date', 'user-agent': 'x-mp-harness-user-agent' };
  var original = XMLHttpRequest.prototype.setRequestHeader;
  XMLHttpRequest.prototype.setRequestHeader = function (name, value) {
    var alias = FORWARD[String(name).toLowerCase()];
    return original.call(this, alias || name, value);
  };
  XMLHttpRequest.prototype.__mpHarnessForward = true;
})();
