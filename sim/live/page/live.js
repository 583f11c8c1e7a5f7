// The live event view (served by sim/live/server.ts at /live/). Reads the server's
// settings and the schema's names from ./info.json, then the record stream ./feed, and shows
// every message grouped by media session. With ?sim it also hosts the simulator: the harness
// page in <iframe name="harness"> (driven by sim/engine/simulator.ts runChannel, or by this
// page itself when ?run=<zip url> is given) and the channel's console.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var info = null;
  var seen = new Set();
  var groups = new Map();
  var totals = { batches: 0, events: 0, violations: 0 };
  var dropped = 0;
  var $ = function (id) { return document.getElementById(id); };

  /** A DOM element; `props` sets attributes (class, data-*, title, open...), children are nodes or text. */
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v === undefined || v === null || v === false) return;
      node.setAttribute(k, v === true ? '' : String(v));
    });
    (children || []).forEach(function (c) {
      if (c === undefined || c === null || c === false) return;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  }

  function clock(ms) {
    if (typeof ms !== 'number' || !isFinite(ms)) return '--:--:--.---';
    var d = new Date(ms);
    var p = function (n, w) { return String(n).padStart(w || 2, '0'); };
    return p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds()) + '.' + p(d.getMilliseconds(), 3);
  }

  function duration(ms) {
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2) + ' s';
    return Math.floor(ms / 60000) + ' min ' + ((ms % 60000) / 1000).toFixed(0) + ' s';
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many || one + 's');
  }

  function text(v) {
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  // ------------------------------------------------------------------ header

  function renderServer() {
    var parts = [];
    var lan = info.urls.lan;
    parts.push(el('span', {}, ['Collector: ', el('code', {}, [lan.length ? lan.join(', ') : info.urls.loopback])]));
    parts.push(el('span', {}, ['API key: ', el('code', {}, [info.apiKey === null ? 'any' : info.apiKey])]));
    parts.push(el('span', { class: info.signaturesChecked ? '' : 'warn' }, [info.signaturesChecked ? 'signatures checked' : 'signatures not checked (no secret)']));
    parts.push(el('span', {}, ['Data plan: ', info.dataPlan ? el('code', {}, [info.dataPlan.id + ' v' + info.dataPlan.version]) : 'none']));
    (info.notes || []).forEach(function (n) { parts.push(el('span', { class: 'note' }, [n])); });
    $('server').replaceChildren.apply($('server'), parts);
  }

  function renderCounts() {
    $('counts').textContent = plural(totals.batches, 'batch', 'batches') + ' · ' + plural(totals.events, 'message') + ' · ' + plural(totals.violations, 'violation') +
      (dropped ? ' · ' + plural(dropped, 'older request') + ' dropped (the history keeps the last ' + (info ? info.maxHistory : '?') + ')' : '');
    $('counts').className = totals.violations ? 'bad' : '';
    $('empty').hidden = totals.batches > 0 || $('requests').children.length > 0;
  }

  function setStatus(state) {
    $('status').textContent = state;
    $('status').className = 'status ' + state;
  }

  // ------------------------------------------------------------------ requests

  function badge(label, state) {
    return el('span', { class: 'badge ' + state, title: label + ' ' + state }, [label + (state === 'valid' ? ' ✓' : state === 'invalid' ? ' ✗' : ' ?')]);
  }

  function addRequest(r) {
    var detail;
    if (r.batch) {
      var b = r.batch;
      detail = 'batch ' + b.id + ': ' + plural(b.messages.length, 'message') + (b.duplicate ? ' (batch id seen before: not counted again)' : '') + (b.development ? ', development' : '');
    } else if (r.identity) {
      var res = r.identity.response;
      detail = r.kind + (res && typeof res === 'object' && res.mpid ? ' → mpid ' + res.mpid : '');
    } else {
      detail = r.rawBody ? 'body is not JSON: ' + r.rawBody.slice(0, 120) : '';
    }
    var ok = r.status >= 200 && r.status < 300 && r.signature !== 'invalid' && r.apiKey !== 'invalid';
    var li = el('li', { class: 'request ' + (ok ? 'ok' : 'bad'), 'data-seq': r.seq, 'data-kind': r.kind }, [
      el('span', { class: 'time' }, [clock(r.receivedAt)]),
      el('span', { class: 'status-code' }, [r.status === 0 ? 'dropped' : String(r.status)]),
      el('code', {}, [r.method + ' ' + r.path]),
      badge('signature', r.signature),
      badge('key', r.apiKey),
      el('span', { class: 'detail' }, [detail]),
    ]);
    $('requests').appendChild(li);
  }

  // ------------------------------------------------------------------ sessions and events

  function messageName(m) {
    if (typeof m.n === 'string' && m.n !== '') return m.n;
    var t = info.schema.messageTypes[m.dt];
    return t ? t.toLowerCase().replace(/_/g, ' ') : 'dt ' + m.dt;
  }

  function group(key, m) {
    var g = groups.get(key);
    if (g) return g;
    var media = key !== 'other';
    var head = el('div', { class: 'group-head' });
    var list = el('ol', { class: 'group-events' });
    var section = el('section', { class: 'group ' + (media ? 'media-session' : 'other'), 'data-session': media ? key : null }, [head, list]);
    g = { key: key, media: media, section: section, head: head, list: list, lastCt: undefined, count: 0, violations: 0, ended: false, attrs: {} };
    groups.set(key, g);
    // Media sessions in the order they started, the other messages last.
    var other = groups.get('other');
    if (media && other) $('sessions').insertBefore(section, other.section);
    else $('sessions').appendChild(section);
    return g;
  }

  function renderGroupHead(g) {
    var children;
    if (g.media) {
      var a = g.attrs;
      children = [
        el('h2', {}, [a.content_title ? a.content_title : 'Media session']),
        el('span', { class: 'meta' }, [
          'media session ', el('code', {}, [g.key]),
          a.content_id ? ' · content ' : '', a.content_id ? el('code', {}, [a.content_id]) : null,
          a.stream_type ? ' · ' + a.stream_type : '', a.content_type ? ' ' + a.content_type : '',
          a.content_duration ? ' · ' + duration(Number(a.content_duration)) : '',
        ]),
      ];
    } else {
      children = [el('h2', {}, ['Other messages']), el('span', { class: 'meta' }, ['session start and end, screen views, custom events, app state'])];
    }
    children.push(el('span', { class: 'group-count' + (g.violations ? ' bad' : '') }, [plural(g.count, 'event') + (g.violations ? ' · ' + g.violations + ' with violations' : '') + (g.ended ? ' · ended' : '')]));
    g.head.replaceChildren.apply(g.head, children);
  }

  /** The attributes a line shows inline: not the session's own, which the group head shows. */
  var QUIET_GROUPS = { session: true, content: true, playhead: true };

  function attrTable(attrs) {
    var rows = Object.keys(attrs).map(function (k) {
      var grp = info.schema.attributeGroups[k] || 'custom';
      return el('tr', { class: 'attr attr-' + grp, 'data-key': k }, [el('th', {}, [k]), el('td', {}, [text(attrs[k])]), el('td', { class: 'group-name' }, [grp])]);
    });
    return el('table', { class: 'attrs' }, [el('tbody', {}, rows)]);
  }

  function addMessage(m, record) {
    var attrs = m.attrs && typeof m.attrs === 'object' ? m.attrs : {};
    var sessionId = typeof attrs.media_session_id === 'string' && attrs.media_session_id !== '' ? attrs.media_session_id : null;
    var g = group(sessionId || 'other', m);
    var name = messageName(m);
    var method = info.schema.mediaEvents[name];
    // The SDK adds the latest QoS to every later event: shown where it is reported or changes.
    var prevQos = g.prevAttrs || {};
    var qosKeys = Object.keys(attrs).filter(function (k) { return info.schema.attributeGroups[k] === 'qos'; });
    var qosChanged = qosKeys.some(function (k) { return text(prevQos[k]) !== text(attrs[k]); });
    var qos = method === 'logQoS' || qosChanged ? qosKeys : [];
    var summary = /Summary$/.test(name) && !!method;
    var violations = m.violations || [];

    var ct = typeof m.ct === 'number' ? m.ct : undefined;
    var delta = g.lastCt === undefined || ct === undefined ? 'first' : (ct - g.lastCt >= 0 ? '+' : '−') + duration(Math.abs(ct - g.lastCt));
    if (ct !== undefined) g.lastCt = ct;
    g.count++;
    if (violations.length) g.violations++;
    if (sessionId) Object.keys(attrs).forEach(function (k) { if (QUIET_GROUPS[info.schema.attributeGroups[k]]) g.attrs[k] = attrs[k]; });
    if (name === 'Media Session End') g.ended = true;
    if (sessionId) trackPlayer(g, name, attrs);

    // Inline: what this event says that the previous one of its group did not (the ad break
    // once at its start, an ad's fields at Ad Start), and every summary value; the table has all.
    var prev = g.prevAttrs || {};
    var inline = Object.keys(attrs)
      .filter(function (k) {
        var grp = info.schema.attributeGroups[k];
        if (QUIET_GROUPS[grp] || grp === 'qos') return false;
        return grp === 'summary' || text(prev[k]) !== text(attrs[k]);
      })
      .map(function (k) {
        return el('span', { class: 'kv' + (info.schema.attributeGroups[k] === 'summary' ? ' kv-summary' : '') }, [k + '=' + text(attrs[k])]);
      });
    g.prevAttrs = attrs;
    var classes = ['event', 'dt-' + m.dt];
    if (summary) classes.push('summary');
    if (qos.length) classes.push('qos');
    if (violations.length) classes.push('violation');
    // A request that was not signed right: its events are marked, not only the request.
    var trust = record.signature === 'invalid' ? (record.signaturePresent === false ? 'unsigned' : 'bad signature') : record.apiKey === 'invalid' ? 'wrong API key' : '';
    if (trust) classes.push('untrusted');
    // Fixed columns (time, delta, name, tag, playhead), then whatever else wraps in its own column.
    var extras = el('span', { class: 'extras' }, [
      trust ? el('span', { class: 'trust', title: 'the request that carried it: ' + trust }, [trust]) : null,
      violations.length ? el('span', { class: 'violation-count' }, [plural(violations.length, 'violation')]) : null,
      el('span', { class: 'inline' }, inline),
    ]);
    var line = el('summary', { class: 'line' }, [
      el('span', { class: 'time', title: 'ct: when the SDK logged it' }, [clock(ct)]),
      el('span', { class: 'delta', title: 'since the previous event of this group' }, [delta]),
      el('span', { class: 'name', title: method ? 'm.mparticle.media.' + method + '()' : m.et ? 'custom event type ' + m.et : '' }, [name]),
      m.et ? el('span', { class: 'tag' }, [m.et]) : el('span', { class: 'tag' }, [m.dt]),
      el('span', { class: 'playhead' }, [attrs.playhead_position !== undefined ? 'playhead ' + duration(Number(attrs.playhead_position)) : '']),
      extras,
    ]);
    var body = [line];
    if (qos.length) {
      extras.appendChild(el('span', { class: 'qos-box' }, ['QoS'].concat(qos.map(function (k) { return el('span', { class: 'kv' }, [k.replace(/^qos_/, '') + ' ' + text(attrs[k])]); }))));
    }
    if (violations.length) {
      body.push(el('ul', { class: 'violations' }, violations.map(function (v) {
        return el('li', {}, [v.type + (v.key ? ' ' + v.key : '') + (v.expected ? ': ' + v.expected : '') + (v.actual !== undefined ? ' (got ' + text(v.actual) + ')' : '')]);
      })));
    }
    body.push(attrTable(attrs));
    var details = el('details', { open: violations.length > 0 }, body);
    g.list.appendChild(el('li', { class: classes.join(' '), 'data-name': name, 'data-id': m.id, 'data-batch': record.batch.id }, [details]));
    renderGroupHead(g);
    totals.events++;
    totals.violations += violations.length;
  }

  function addRecord(r) {
    if (seen.has(r.seq)) return;
    seen.add(r.seq);
    addRequest(r);
    if (r.batch && r.batch.accepted && !r.batch.duplicate) {
      totals.batches++;
      r.batch.messages.forEach(function (m) { addMessage(m, r); });
      if (r.batch.userAttributeViolations.length) totals.violations += r.batch.userAttributeViolations.length;
    }
    renderCounts();
  }

  function connect() {
    var source = new EventSource('./feed');
    source.onopen = function () { setStatus('live'); };
    source.onerror = function () { setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'); };
    source.addEventListener('record', function (e) { addRecord(JSON.parse(e.data)); });
    source.addEventListener('dropped', function (e) { dropped = JSON.parse(e.data).dropped; renderCounts(); });
  }

  $('clear').addEventListener('click', function () {
    groups.clear();
    player = null;
    if ($('player')) $('player').replaceChildren();
    $('sessions').replaceChildren();
    $('requests').replaceChildren();
    totals = { batches: 0, events: 0, violations: 0 };
    renderCounts();
  });

  // ------------------------------------------------------------------ player state

  // The simulator cannot decode video, so the panel under the screen shows the player as the
  // SDK reports it: the state its last event implies, the playhead, the ad break, a timeline.
  var STATE_AFTER = {
    'Media Session Start': 'started', Play: 'playing', Pause: 'paused', 'Buffer Start': 'buffering', 'Seek Start': 'seeking',
    'Ad Break Start': 'in an ad break', 'Ad Start': 'playing an ad', 'Media Content End': 'content ended', 'Media Session End': 'session ended',
  };
  var player = null;

  function trackPlayer(g, name, attrs) {
    if (!player || player.key !== g.key) player = { key: g.key, state: 'started', resume: 'started', marks: [], adBreak: null, ad: null };
    var at = Number(attrs.playhead_position);
    if (isFinite(at)) player.position = at;
    player.duration = Number(g.attrs.content_duration);
    player.title = g.attrs.content_title || g.key;
    if (STATE_AFTER[name]) player.state = STATE_AFTER[name];
    if (name === 'Play' || name === 'Pause') player.resume = player.state;
    if (name === 'Buffer End' || name === 'Seek End' || name === 'Ad Break End') player.state = player.resume;
    if (name === 'Ad End' || name === 'Ad Skip') player.state = 'in an ad break';
    if (name === 'Ad Break Start') {
      player.adBreak = attrs.ad_break_title || attrs.ad_break_id || 'ad break';
      player.marks.push({ kind: 'ad', at: player.position || 0, label: player.adBreak });
    }
    if (name === 'Ad Start') player.ad = attrs.ad_content_title || attrs.ad_content_id || 'ad';
    if (name === 'Ad End' || name === 'Ad Skip') player.ad = null;
    if (name === 'Ad Break End') { player.adBreak = null; player.ad = null; }
    if (name === 'Seek Start' && isFinite(Number(attrs.seek_position))) player.marks.push({ kind: 'seek', at: Number(attrs.seek_position), label: 'seek to ' + duration(Number(attrs.seek_position)) });
    renderPlayer();
  }

  function renderPlayer() {
    var box = $('player');
    if (!box || !player) return;
    var d = player.duration > 0 ? player.duration : 0;
    var pct = function (ms) { return d ? Math.max(0, Math.min(100, (ms / d) * 100)) : 0; };
    var bar = el('div', { class: 'timeline', title: d ? 'content ' + duration(d) : 'no content duration reported' }, [
      el('div', { class: 'played', style: 'width:' + pct(player.position || 0) + '%' }),
    ].concat(player.marks.map(function (mk) { return el('span', { class: 'mark mark-' + mk.kind, style: 'left:' + pct(mk.at) + '%', title: mk.label + ' at ' + duration(mk.at) }); }))
      .concat([el('span', { class: 'head', style: 'left:' + pct(player.position || 0) + '%' })]));
    box.replaceChildren(
      el('div', { class: 'player-row' }, [el('span', { class: 'player-state state-' + player.state.replace(/\W+/g, '-') }, [player.state]), el('strong', {}, [player.title])]),
      el('div', { class: 'player-row' }, [
        'playhead ', el('code', {}, [duration(player.position || 0)]), d ? ' of ' : '', d ? el('code', {}, [duration(d)]) : null,
        player.adBreak ? el('span', { class: 'player-ad' }, [' · ad break ', el('code', {}, [player.adBreak]), player.ad ? ' · ad ' : '', player.ad ? el('code', {}, [player.ad]) : null]) : null,
      ]),
      bar,
      el('div', { class: 'legend' }, [el('span', { class: 'mark-key mark-ad' }), 'ad break ', el('span', { class: 'mark-key mark-seek' }), 'seek target ', el('span', { class: 'mark-key head-key' }), 'playhead']),
    );
  }

  // ------------------------------------------------------------------ simulator column

  function appendConsole(line, level) {
    var pre = $('console');
    var atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    pre.appendChild(el('span', { class: 'log-' + (level || 'print') }, [line.replace(/\r?\n$/, '') + '\n']));
    while (pre.childNodes.length > 3000) pre.removeChild(pre.firstChild);
    if (atEnd) pre.scrollTop = pre.scrollHeight;
  }

  function startSim() {
    $('sim').hidden = false;
    document.body.classList.add('with-sim');
    // Created before the page's load event, so that it delays it: runChannel drives the frame after load.
    var frame = el('iframe', { name: 'harness', src: '/harness/index.html', title: 'Roku channel (brs-engine)' });
    frame.addEventListener('load', function () {
      var w = frame.contentWindow;
      var closed = false;
      var style = w.document.createElement('style');
      style.textContent = 'html,body{margin:0;background:#000;overflow:hidden}canvas{width:100%;height:auto;display:block}video,#stats{display:none}';
      w.document.head.appendChild(style);
      w.brs.subscribe('live-view', function (event, data) {
        if (event === 'debug' && data && typeof data.content === 'string') appendConsole(data.content, data.level);
        // The engine reports a second close when the run terminates an app that already exited.
        else if (event === 'closed' && !closed) {
          closed = true;
          appendConsole('[channel closed: ' + data + ']', 'beacon');
        }
      });
      var run = params.get('run');
      if (run) {
        w.__harness.boot({ clearRegistry: false, deviceInfo: {} })
          .then(function () { return w.__harness.run(run, null); })
          .catch(function (e) { appendConsole('[could not start the channel: ' + e.message + ']', 'error'); });
      }
    });
    $('screen').appendChild(frame);
  }

  if (params.has('sim')) startSim();
  renderCounts();
  fetch('./info.json')
    .then(function (r) { return r.json(); })
    .then(function (i) {
      info = i;
      renderServer();
      connect();
    })
    .catch(function (e) { setStatus('closed'); $('server').textContent = 'could not read info.json: ' + e.message; });
})();
