/**
 * A channel written the way mParticle's Roku SDK 2.x's docs and example channel use that SDK,
 * run unchanged on ours: builder setters, fields changed in place, totals and ad ids kept by
 * hand (`mediaSession.mediaSessionAdObjects.push(adContent.id)`), summaries right after the
 * ends, consent and integration attributes through `identity`, a 2.x-style commerce call.
 * It must not crash, must print no error line, and must deliver every media event once with
 * 2.x's attribute names; the times and totals it keeps by hand are replaced by computed ones.
 * After every media call it reads back the session fields 2.x's bridge keeps on the render
 * thread (currentPlaybackStartTimestamp, storedPlaybackTime, playbackState, ...): they must
 * follow 2.x's transitions.
 */
import { strict as assert } from 'node:assert';
import { startCollector, type Collector, type RecordedMessage } from '../../sim/collector/collector';
import { runChannel, type RunResult } from '../../sim/engine/simulator';
import { sceneChannel } from '../runtime/channel';
import { assertNoCrash, idReport } from '../runtime/delivery';

const API_SECRET = 'sdk2-channel-secret';
const DONE = 'Channel Done';
/** What the channel writes into mediaContentTimeSpent by hand: far more than the run lasts. */
const HAND_CONTENT_TIME = 3600000;

// Written for this test in the style of 2.x's docs (not taken from 2.x's example).
const SCENE_BRS = `sub init()
    m.mParticleTask = createObject("roSGNode", "mParticleTask")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE, "onIdentityResult")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE, "onCurrentUserChanged")
    m.mparticle = mParticleSGBridge(m.mParticleTask)
    mpConstants = mparticleconstants()

    ' Identity, user attributes, consent, integration attributes
    idType = mpConstants.IDENTITY_TYPE.CUSTOMER_ID
    if mpConstants.IDENTITY_TYPE.isValidIdentityType(idType) and mpConstants.IDENTITY_TYPE_INT.parseString(idType) = mpConstants.IDENTITY_TYPE_INT.CUSTOMER_ID
        request = {}
        request.userIdentities = {}
        request.userIdentities[idType] = "viewer-42"
        m.mparticle.identity.modify(request)
    end if
    m.mparticle.identity.setUserAttribute(mpConstants.USER_ATTRIBUTES.FIRSTNAME, "Leela")
    m.mparticle.identity.setUserAttribute("favourite genres", ["animation", "sci-fi"])
    now = CreateObject("roDateTime")
    consentApi = mpConstants.ConsentState
    consent = consentApi.build()
    gdprApi = mpConstants.GDPRConsentState
    gdpr = gdprApi.build(true, now.AsSeconds())
    gdprApi.setDocument(gdpr, "privacy-v3")
    gdprApi.setLocation(gdpr, "settings screen")
    gdprApi.setHardwareId(gdpr, "hw-4242")
    consentApi.addGDPRConsentState(consent, "analytics", gdpr)
    ccpaApi = mpConstants.CCPAConsentState
    ccpa = ccpaApi.build(false, now.AsSeconds())
    ccpaApi.setDocument(ccpa, "ccpa-v1")
    consentApi.setCCPAConsentState(consent, ccpa)
    m.mparticle.identity.setConsentState(consent)
    m.mparticle.identity.setIntegrationAttribute("160", "app_user_id", "viewer-42")
    m.mparticle.setIntegrationAttribute("160", "segments", ["kids", "sci-fi"])

    m.mparticle.logScreenEvent("Episode Details", { "from": "home row" })
    m.mparticle.logEvent("Episode Selected", mpConstants.CUSTOM_EVENT_TYPE.NAVIGATION, { "episode": "S01E01" })

    ' Commerce the way 2.x's bridge takes it: empty parts, a screen name fifth
    product = mpConstants.Product.build("season-pass", "Season Pass", 9.99, 1)
    mpConstants.Product.setCategory(product, "passes")
    actionApi = mpConstants.ProductAction
    action = actionApi.build(actionApi.ACTION_TYPE.PURCHASE, 9.99, [product])
    actionApi.setTransactionId(action, "T-2001")
    m.mparticle.logCommerceEvent(action, {}, [], { "store": "roku" }, "Store")

    ' Media: a session with setters and fields changed in place
    ' Ad breaks do not count as content time (2.x's seventh argument)
    session = mpConstants.MediaSession.build("EP-101", "Space Pilot 3000", mpConstants.MEDIA_CONTENT_TYPE.VIDEO, mpConstants.MEDIA_STREAM_TYPE.ON_DEMAND, 1320000, {}, true)
    showFields("build", session)
    mpConstants.MediaSession.setMediaSessionAttributes(session, { "show": "Futurama", "season": "1" })
    m.mparticle.media.logMediaSessionStart(session, {})
    showFields("logMediaSessionStart", session)

    chapter = mpConstants.Segment.build("Cold Open", 0, 90000)
    session.segment = chapter
    session.mediaSessionSegmentTotal = 1
    m.mparticle.media.logSegmentStart(session, {})
    showFields("logSegmentStart", session)
    m.mparticle.media.logPlay(session, { "Source": "Auto Playback" })
    showFields("logPlay", session)
    mpConstants.MediaSession.setCurrentPlayheadPosition(session, 15000)
    session.mediaContentTimeSpent = ${HAND_CONTENT_TIME}
    m.mparticle.media.logPlayheadPosition(session)
    showFields("logPlayheadPosition", session)
    session.currentPlayheadPosition = 30000
    m.mparticle.media.logPause(session, { "Source": "Player Controls" })
    showFields("logPause", session)

    ' The viewer resumes; a mid-roll with two ads, totals and ad ids kept by hand as 2.x wants
    m.mparticle.media.logPlay(session, {})
    showFields("logPlay", session)
    adBreak = mpConstants.AdBreak.build("MID-1", "Mid-roll")
    mpConstants.AdBreak.setDuration(adBreak, 30000)
    mpConstants.MediaSession.setAdBreak(session, adBreak)
    m.mparticle.media.logAdBreakStart(session, {})
    showFields("logAdBreakStart", session)
    firstAd = mpConstants.AdContent.build("AD-7", "Slurm: It's Highly Addictive")
    mpConstants.AdContent.setDuration(firstAd, 15000)
    mpConstants.AdContent.setAdvertiser(firstAd, "Slurm Inc.")
    mpConstants.AdContent.setCampaign(firstAd, "Summer")
    mpConstants.AdContent.setPosition(firstAd, 0)
    mpConstants.AdContent.setAdStartTime(firstAd, 1593007500000&)
    session.adContent = firstAd
    session.mediaSessionAdTotal = 1
    session.mediaSessionAdObjects.push(firstAd.id)
    m.mparticle.media.logAdStart(session, {})
    showFields("logAdStart", session)
    m.mparticle.media.logAdClick(session, { "click_x": 640 })
    showFields("logAdClick", session)
    mpConstants.AdContent.setAdCompleted(firstAd, true)
    mpConstants.AdContent.setAdEndTime(firstAd, 1593007515000&)
    m.mparticle.media.logAdEnd(session, {})
    showFields("logAdEnd", session)
    m.mparticle.media.logAdSummary(session, {})
    showFields("logAdSummary", session)
    session.adContent = invalid

    secondAd = mpConstants.AdContent.build("AD-8", "Mom's Friendly Robot Company")
    secondAd.duration = 15000
    secondAd.position = 1
    session.adContent = secondAd
    session.mediaSessionAdTotal = 2
    session.mediaSessionAdObjects.push(secondAd.id)
    mpConstants.MediaSession.setMediaTotalAdTimeSpent(session, 15000)
    m.mparticle.media.logAdStart(session, {})
    showFields("logAdStart", session)
    secondAd.adSkipped = true
    m.mparticle.media.logAdSkip(session, {})
    showFields("logAdSkip", session)
    m.mparticle.media.logAdSummary(session, {})
    showFields("logAdSummary", session)
    session.adContent = invalid
    m.mparticle.media.logAdBreakEnd(session, {})
    showFields("logAdBreakEnd", session)
    session.adBreak = invalid

    m.mparticle.media.logPlay(session, {})
    showFields("logPlay", session)
    m.mparticle.media.logQoS(session, 850, 2, 4500000, 30, {})
    showFields("logQoS", session)
    mpConstants.Segment.setSegmentCompleted(chapter, true)
    m.mparticle.media.logSegmentEnd(session, {})
    showFields("logSegmentEnd", session)
    m.mparticle.media.logSegmentSummary(session, {})
    showFields("logSegmentSummary", session)
    session.segment = invalid

    actTwo = mpConstants.Segment.build("Act Two", 1, 600000)
    mpConstants.Segment.setSegmentStartTime(actTwo, 1593007600000&)
    mpConstants.MediaSession.setSegment(session, actTwo)
    mpConstants.MediaSession.setMediaSessionSegmentTotal(session, 2)
    m.mparticle.media.logSegmentStart(session, {})
    showFields("logSegmentStart", session)
    m.mparticle.media.logSeekStart(session, 120000, {})
    showFields("logSeekStart", session)
    m.mparticle.media.logSeekEnd(session, 480000, {})
    showFields("logSeekEnd", session)
    session.currentPlayheadPosition = 480000
    m.mparticle.logEvent(mpConstants.MEDIA_EVENT_NAME.MILESTONE, mpConstants.CUSTOM_EVENT_TYPE.MEDIA, { "milestone": "50%", "media_session_id": session.mediaSessionId })
    actTwo.segmentSkipped = true
    m.mparticle.media.logSegmentSkip(session, {})
    showFields("logSegmentSkip", session)
    m.mparticle.media.logSegmentSummary(session, {})
    showFields("logSegmentSummary", session)
    session.segment = invalid

    m.mparticle.media.logBufferStart(session, 1200, 0.25, 480000, {})
    showFields("logBufferStart", session)
    m.mparticle.media.logBufferEnd(session, 1200, 1.0, 480000, {})
    showFields("logBufferEnd", session)
    session.currentPlayheadPosition = 1320000
    mpConstants.MediaSession.setMediaContentComplete(session, true)
    mpConstants.MediaSession.setMediaContentTimeSpent(session, ${HAND_CONTENT_TIME})
    m.mparticle.media.logMediaContentEnd(session, {})
    showFields("logMediaContentEnd", session)
    m.mparticle.media.logMediaSessionEnd(session, {})
    showFields("logMediaSessionEnd", session)
    m.mparticle.media.logMediaSessionSummary(session, {})
    showFields("logMediaSessionSummary", session)
    print "TEST: time spent " + m.mparticle.media.getCurrentMediaTimeSpent(session).ToStr()

    m.mparticle.logEvent("${DONE}")
    m.mparticle.upload()
end sub

' What the channel reads back of the session after each call, with the bridge's clock.
sub showFields(after as string, s as object)
    print "TEST: fields " + FormatJson({ after: after, ts: s.currentPlaybackStartTimestamp, stored: s.storedPlaybackTime, state: s.playbackState, complete: s.mediaContentComplete, start: s.mediaSessionStartTime, end: s.mediaSessionEndTime, spent: s.mediaContentTimeSpent, now: m.mparticle.media.unixTimeMillis() })
end sub

sub onIdentityResult()
    print "TEST: identity result " + FormatJson(m.mParticleTask[mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE])
end sub

sub onCurrentUserChanged()
    print "TEST: current user " + FormatJson(m.mParticleTask[mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE])
end sub
`;

/** Every media event the scene logs, with how many times, in order of first appearance. */
const MEDIA_EVENTS: [string, number][] = [
  ['Media Session Start', 1],
  ['Segment Start', 2],
  ['Play', 3],
  ['Update Playhead Position', 1],
  ['Pause', 1],
  ['Ad Break Start', 1],
  ['Ad Start', 2],
  ['Ad Click', 1],
  ['Ad End', 1],
  ['Ad Session Summary', 2],
  ['Ad Skip', 1],
  ['Ad Break End', 1],
  ['Update QoS', 1],
  ['Segment End', 1],
  ['Segment Session Summary', 2],
  ['Seek Start', 1],
  ['Seek End', 1],
  ['Milestone', 1],
  ['Segment Skip', 1],
  ['Buffer Start', 1],
  ['Buffer End', 1],
  ['Media Content End', 1],
  ['Media Session End', 1],
  ['Media Session Summary', 1],
];

/** 2.x's attribute keys of the content, on every media event of the API. */
const CONTENT_KEYS = ['media_session_id', 'content_id', 'content_title', 'content_duration', 'content_type', 'stream_type', 'playhead_position'];

describe('compat: a channel written for mParticle\'s Roku SDK 2.x runs unchanged', function () {
  this.timeout(180000);
  let collector: Collector;
  let run: RunResult;
  let events: RecordedMessage[];
  const attrs = (m: RecordedMessage) => m.attrs as Record<string, string>;
  const one = (name: string) => {
    const found = events.filter((e) => e.n === name);
    assert.equal(found.length, 1, `${name}: ${found.length} events`);
    return attrs(found[0]);
  };

  before(async () => {
    collector = await startCollector({ apiKey: 'us1-sdk2channel', apiSecret: API_SECRET });
    run = await runChannel({
      collector,
      channel: sceneChannel(collector, API_SECRET, {
        title: 'sdk 2.x style channel',
        scene: 'Sdk2Scene',
        options: ['logLevel: mParticleConstants().LOG_LEVEL.INFO', 'uploadIntervalMillis: 1000'],
        sceneBrs: SCENE_BRS,
      }),
      timeoutMs: 150000,
      untilCollector: (c) => c.events(DONE).length > 0,
    });
    events = collector.events();
  });
  after(async () => collector?.close());

  it('runs without a crash and without an error line', () => {
    assertNoCrash(run);
    const errors = run.console.filter((l) => /mParticle SDK \[ERROR\]/.test(l));
    assert.deepEqual(errors, [], errors.join('\n'));
  });

  it('delivers every media event exactly once (by message and by name)', () => {
    const r = idReport(collector, '2.x-style channel');
    assert.equal(r.lost + r.duplicated, 0);
    const media = events.filter((e) => e.et === 'media').map((e) => String(e.n));
    const expected = MEDIA_EVENTS.flatMap(([n, count]) => Array<string>(count).fill(n));
    assert.deepEqual([...media].sort(), [...expected].sort(), `media events received:\n${media.join('\n')}`);
    const firsts = MEDIA_EVENTS.map(([n]) => n);
    assert.deepEqual(media.filter((n, i) => media.indexOf(n) === i), firsts, 'in the order the channel logged them');
  });

  it('uses 2.x\'s attribute names on every media event, all strings', () => {
    const sessionId = one('Media Session Start').media_session_id;
    for (const e of events.filter((x) => x.et === 'media' && x.n !== 'Milestone')) {
      for (const key of CONTENT_KEYS) assert.ok(attrs(e)[key] !== undefined, `${e.n} lacks ${key}`);
      assert.equal(attrs(e).media_session_id, sessionId, e.n);
      assert.equal(attrs(e).content_id, 'EP-101', e.n);
      assert.equal(attrs(e).show, 'Futurama', `${e.n}: session attributes set with setMediaSessionAttributes`);
      for (const [k, v] of Object.entries(attrs(e))) assert.equal(typeof v, 'string', `${e.n}.${k}`);
    }
    const adStart = events.filter((e) => e.n === 'Ad Start').map(attrs);
    assert.deepEqual(adStart.map((a) => [a.ad_content_id, a.ad_content_title, a.ad_content_position, a.ad_break_id, a.ad_break_duration]), [
      ['AD-7', "Slurm: It's Highly Addictive", '0', 'MID-1', '30000'],
      ['AD-8', "Mom's Friendly Robot Company", '1', 'MID-1', '30000'],
    ]);
    assert.equal(adStart[0].ad_content_advertiser, 'Slurm Inc.');
    assert.equal(adStart[0].ad_content_campaign, 'Summer');
    assert.equal(one('Ad Click').click_x, '640');
    const segments = events.filter((e) => e.n === 'Segment Start').map(attrs);
    assert.deepEqual(segments.map((a) => [a.segment_title, a.segment_index, a.segment_duration]), [
      ['Cold Open', '0', '90000'],
      ['Act Two', '1', '600000'],
    ]);
    assert.equal(one('Seek End').seek_position, '480000');
    assert.deepEqual([one('Buffer Start').buffer_duration, one('Buffer Start').buffer_percent, one('Buffer Start').buffer_position], ['1200', '0.25', '480000']);
    const qos = one('Update QoS');
    assert.deepEqual([qos.qos_startup_time, qos.qos_dropped_frames, qos.qos_bitrate, qos.qos_fps], ['850', '2', '4500000', '30']);
    assert.equal(one('Milestone').milestone, '50%');
  });

  it('summaries: computed times and totals, with the same totals the channel kept by hand', () => {
    const ads = events.filter((e) => e.n === 'Ad Session Summary').map(attrs);
    assert.deepEqual(ads.map((a) => [a.ad_content_id, a.ad_completed, a.ad_skipped]), [
      ['AD-7', 'true', 'false'],
      ['AD-8', 'false', 'true'],
    ]);
    for (const a of ads) {
      assert.match(a.ad_content_start_time, /^\d{13}$/);
      assert.ok(Number(a.ad_content_start_time) > 1593007500000, 'the Task\'s time of Ad Start, not the one set by hand');
      assert.ok(Number(a.ad_content_end_time) >= Number(a.ad_content_start_time));
    }
    const segs = events.filter((e) => e.n === 'Segment Session Summary').map(attrs);
    assert.deepEqual(segs.map((s) => [s.segment_title, s.segment_completed, s.segment_skipped]), [
      ['Cold Open', 'true', 'false'],
      ['Act Two', 'false', 'true'],
    ]);
    for (const s of segs) assert.ok(Number(s.segment_start_time) > 1593007600000 && Number(s.segment_end_time) >= Number(s.segment_start_time));
    const s = one('Media Session Summary');
    assert.equal(s.media_session_ad_total, '2');
    assert.equal(s.media_session_ad_objects, '["AD-7","AD-8"]');
    assert.equal(s.media_session_segment_total, '2');
    assert.equal(s.media_content_complete, 'true');
    assert.match(s.media_content_time_spent, /^\d+$/);
    assert.ok(Number(s.media_content_time_spent) < HAND_CONTENT_TIME, `content time ${s.media_content_time_spent} is computed, not the channel's ${HAND_CONTENT_TIME}`);
    assert.ok(Number(s.media_session_end_time) >= Number(s.media_session_start_time));
  });

  it('keeps the session\'s fields on the render thread as 2.x\'s bridge does, read back after every call', () => {
    interface Fields { after: string; ts: number; stored: number; state: string; complete: boolean; start: number; end: number; spent: number; now: number }
    const seen: Fields[] = run.console.filter((l) => l.startsWith('TEST: fields ')).map((l) => JSON.parse(l.slice('TEST: fields '.length)) as Fields);
    const calls = (SCENE_BRS.match(/showFields\("/g) ?? []).length;
    assert.equal(seen.length, calls, 'a line after every media call');
    const [built, ...rest] = seen;
    assert.deepEqual([built.ts, built.stored, built.state, built.complete, built.spent], [0, 0, 'pausedByUser', false, 0]);
    assert.equal(built.end, built.start, 'build sets both times to now');
    let prev = built;
    let handSpent = 0;
    for (const f of rest) {
      const at = `after ${f.after} (${JSON.stringify(f)})`;
      // Every media call but the periodic logPlayheadPosition: mediaSessionEndTime is now;
      // mediaSessionStartTime stays build's.
      if (f.after === 'logPlayheadPosition') assert.equal(f.end, prev.end, `${at}: logPlayheadPosition leaves mediaSessionEndTime`);
      else assert.ok(f.end >= prev.now && f.end <= f.now, `${at}: mediaSessionEndTime is the time of the call`);
      assert.equal(f.start, built.start, `${at}: mediaSessionStartTime`);
      // What the channel wrote by hand stays (2.x computed the content time on its Task).
      if (f.after === 'logPlayheadPosition') handSpent = HAND_CONTENT_TIME;
      assert.equal(f.spent, handSpent, `${at}: mediaContentTimeSpent`);
      assert.equal(f.complete, f.after === 'logMediaContentEnd' || f.after === 'logMediaSessionEnd' || f.after === 'logMediaSessionSummary', `${at}: mediaContentComplete`);
      const stoppedNow = prev.ts > 0 && f.ts === 0;
      if (stoppedNow) assert.ok(f.stored - prev.stored >= 0 && f.stored - prev.stored <= f.now - prev.ts, `${at}: the run is added to storedPlaybackTime`);
      else assert.equal(f.stored, prev.stored, `${at}: storedPlaybackTime`);
      switch (f.after) {
        case 'logPlay':
          assert.equal(f.state, 'playing', at);
          if (prev.ts > 0) assert.equal(f.ts, prev.ts, `${at}: a running timestamp stays`);
          else assert.ok(f.ts >= prev.now && f.ts <= f.now, `${at}: the timestamp starts`);
          break;
        case 'logPause':
          assert.deepEqual([f.ts, f.state], [0, 'pausedByUser'], at);
          break;
        case 'logAdBreakStart':
          assert.equal(prev.state, 'playing', 'the mid-roll starts while playing');
          assert.deepEqual([f.ts, f.state], [0, 'pausedByAdBreak'], `${at}: excludeAdBreaksFromContentTime stops the timestamp`);
          assert.ok(stoppedNow, at);
          break;
        case 'logAdBreakEnd':
          assert.equal(f.state, 'playing', at);
          assert.ok(f.ts >= prev.now && f.ts <= f.now, `${at}: the timestamp starts again`);
          break;
        case 'logMediaContentEnd':
          assert.deepEqual([f.ts, f.state], [0, 'playing'], `${at}: the timestamp stops, the playback state stays`);
          break;
        default:
          assert.deepEqual([f.ts, f.state], [prev.ts, prev.state], `${at}: other calls leave the timestamp and the playback state`);
      }
      prev = f;
    }
    assert.deepEqual(seen.map((f) => f.state).filter((st, i, all) => st !== all[i - 1]), ['pausedByUser', 'playing', 'pausedByUser', 'playing', 'pausedByAdBreak', 'playing']);
    assert.ok(prev.stored > 0, 'content time was stored');
  });

  it('publishes the current user only when what it shows changed, ending with the user the channel set up', () => {
    const users = run.console.filter((l) => l.startsWith('TEST: current user ')).map((l) => l.slice('TEST: current user '.length));
    assert.ok(users.length > 0, 'the current user was published');
    users.forEach((u, i) => assert.ok(i === 0 || u !== users[i - 1], `publish ${i + 1} shows what publish ${i} showed:\n${u}`));
    const last = JSON.parse(users[users.length - 1]) as { mpid: string; userIdentities: Record<string, string>; userAttributes: Record<string, unknown>; consentState: { gdpr?: unknown } };
    assert.notEqual(last.mpid, '0');
    assert.equal(last.userIdentities.customerid, 'viewer-42');
    assert.deepEqual(last.userAttributes, { $FirstName: 'Leela', 'favourite genres': ['animation', 'sci-fi'] });
    assert.ok(last.consentState?.gdpr, 'with the consent state');
  });

  it('answers getCurrentMediaTimeSpent on the render thread', () => {
    const line = run.console.find((l) => l.startsWith('TEST: time spent '));
    assert.ok(line, 'no time spent line');
    const spent = Number(line.slice('TEST: time spent '.length));
    assert.ok(spent >= 0 && spent < 120000, line);
  });

  it('sends consent and integration attributes set through identity, and the commerce event with its screen name', () => {
    const last = collector.batches[collector.batches.length - 1] as Record<string, unknown>;
    const con = last.con as { gdpr: Record<string, Record<string, unknown>>; ccpa: Record<string, Record<string, unknown>> };
    assert.ok(con, 'the batch has a consent state');
    assert.equal(con.gdpr.analytics.c, true);
    assert.equal(con.gdpr.analytics.d, 'privacy-v3');
    assert.equal(con.ccpa.data_sale_opt_out.c, false);
    assert.deepEqual(last.ia, { '160': { app_user_id: 'viewer-42', segments: ['kids', 'sci-fi'] } });
    // Set in init(), before the first identity answer: they belong to the user it names.
    assert.deepEqual(last.ua, { $FirstName: 'Leela', 'favourite genres': ['animation', 'sci-fi'] });
    const commerce = collector.messages.filter((m) => m.dt === 'cm');
    assert.equal(commerce.length, 1);
    const cm = commerce[0] as Record<string, unknown>;
    assert.equal(cm.sn, 'Store');
    assert.equal((cm.pd as Record<string, unknown>).an, 'purchase');
    assert.equal(cm.pm, undefined, 'an empty promotion action counts as absent');
    assert.equal(cm.pi, undefined, 'empty impressions count as absent');
    assert.ok(collector.identityRequests.some((r) => r.path.endsWith('/modify')), 'identity.modify reached the server');
  });
});
