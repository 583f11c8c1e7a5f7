// Page side of the harness, driven by sim/engine/simulator.ts through page.evaluate.
// Engine events go back to Node through the exposed binding __harnessNotify.
window.__harness = (function () {
  var booted = null;

  function notify(event, data) {
    if (typeof window.__harnessNotify === 'function') window.__harnessNotify(event, data);
  }

  brs.subscribe('harness', function (event, data) {
    if (event === 'closed') notify('closed', String(data));
    else if (event === 'started') notify('started', '');
    else if (event === 'error') notify('error', String(data));
  });

  async function boot(opts) {
    if (booted) return booted;
    booted = (async function () {
      // initialize() reads the registry out of localStorage, so clearing must come first.
      if (opts.clearRegistry) localStorage.clear();
      // Handing common.zip to initialize() ourselves avoids the race where execute()
      // runs before the engine's own fetch of it has finished ("Error setting up file system").
      var res = await fetch('./assets/common.zip');
      if (!res.ok) throw new Error('common.zip: HTTP ' + res.status);
      var assets = await res.arrayBuffer();
      var device = Object.assign({}, opts.deviceInfo || {}, {
        assets: assets,
        extensions: new Map([[brs.SupportedExtension.SceneGraph, './brs-sg.js']]),
      });
      await brs.initialize(device, { debugToConsole: true, showStats: false });
    })();
    return booted;
  }

  async function run(zipUrl, deepLink) {
    if (!booted) throw new Error('boot() first');
    await booted;
    var res = await fetch(zipUrl);
    if (!res.ok) throw new Error(zipUrl + ': HTTP ' + res.status);
    var buffer = await res.arrayBuffer();
    var link = deepLink ? new Map(Object.entries(deepLink)) : undefined;
    // debugOnCrash false: a crash must close the app, not wait in the micro debugger.
    brs.execute('channel.zip', buffer, { clearDisplayOnExit: false, debugOnCrash: false, muteSound: true }, link);
  }

  function terminate() {
    brs.terminate('EXIT_USER_NAV');
  }

  function registry() {
    var out = {};
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      out[key] = localStorage.getItem(key);
    }
    return out;
  }

  return { boot: boot, run: run, terminate: terminate, registry: registry };
})();
