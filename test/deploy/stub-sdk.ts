/**
 * A stand-in for generated/ whose every public entry point has the signature the schema gives
 * it (src-ts/schema) and prints its call: `[stub] <ns>.<method> <arg>|<arg>|…`, each argument as
 * `<type>` or `<type>=<value>` for numbers and strings, and for media calls the session's
 * playhead as `@<ms>`. A call with a wrong number of arguments stops the channel, so running
 * the sample on it checks the sample against the documented API.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BRIDGE_APIS } from '../../src-ts/schema/bridge-apis';
import { MEDIA_APIS } from '../../src-ts/schema/media-apis';
import { TRACKING_APIS } from '../../src-ts/schema/tracking';
import { CUSTOM_EVENT_TYPE, ENVIRONMENT, LOG_LEVEL, MEDIA_CONTENT_TYPE, MEDIA_STREAM_TYPE, SCENEGRAPH_NODES } from '../../src-ts/schema/names';

const brsAA = (values: Readonly<Record<string, string | number>>) =>
  `{ ${Object.entries(values).map(([k, v]) => `${k}: ${typeof v === 'string' ? `"${v}"` : v}`).join(', ')} }`;

function stubFunction(name: string, label: string, params: { name: string; optional: boolean }[], media: boolean): string {
  const sig = params.map((p) => (p.optional ? `${p.name} = invalid` : p.name)).join(', ');
  const args = params.map((p) => p.name);
  return [
    `sub ${name}(${sig})`,
    `    parts = []`,
    ...args.map((a) => `    parts.push(stub_describe(${a}))`),
    media ? `    line = "[stub] ${label} @" + stub_describe(${args[0]}.currentPlayheadPosition) + " " + parts.join("|")` : `    line = "[stub] ${label} " + parts.join("|")`,
    `    print line`,
    `end sub`,
  ].join('\n');
}

/** The text of the stub's `source/mparticle/mParticleCore.brs`. */
export function stubCore(): string {
  const fns: string[] = [];
  const core: string[] = [];
  const identity: string[] = [];
  const media: string[] = [];
  for (const api of BRIDGE_APIS) {
    const fn = `stub_${api.ns}_${api.method}`;
    let body = stubFunction(fn, `${api.ns}.${api.method}`, [...api.params], false);
    // Like the SDK's Task, publish the current user when an attribute changes (the sample's
    // scripted mode waits for that before its first step).
    if (api.ns === 'core' && api.method === 'setUserAttribute') {
      const [key, value] = api.params.map((p) => p.name);
      body = body.replace('    print line\n', `    print line\n    attributes = {}\n    attributes[${key}] = ${value}\n    m.task["${SCENEGRAPH_NODES.CURRENT_USER_NODE}"] = { mpid: "0", userAttributes: attributes }\n`);
    }
    fns.push(body);
    (api.ns === 'core' ? core : identity).push(`${api.method}: ${fn}`);
  }
  for (const api of MEDIA_APIS) {
    const fn = `stub_media_${api.method}`;
    fns.push(stubFunction(fn, `media.${api.method}`, [...api.params], true));
    for (const name of [api.method, ...(api.aliases ?? [])]) media.push(`${name}: ${fn}`);
  }
  for (const api of TRACKING_APIS) {
    const fn = `stub_media_${api.method}`;
    const session = api.params.findIndex((p) => p.name === 'mediaSession');
    fns.push(stubFunction(fn, `media.${api.method}`, [...api.params], false).replace('    parts = []', `    parts = []\n    stub_checkSession(${api.params[session].name})`));
    media.push(`${api.method}: ${fn}`);
  }
  return [
    "' stub of the generated SDK for the sample channel's tests (test/deploy/stub-sdk.ts)",
    'function mParticleConstants() as object',
    '    return {',
    `        SCENEGRAPH_NODES: ${brsAA(SCENEGRAPH_NODES)},`,
    `        CUSTOM_EVENT_TYPE: ${brsAA(CUSTOM_EVENT_TYPE)},`,
    `        MEDIA_CONTENT_TYPE: ${brsAA(MEDIA_CONTENT_TYPE)},`,
    `        MEDIA_STREAM_TYPE: ${brsAA(MEDIA_STREAM_TYPE)},`,
    `        ENVIRONMENT: ${brsAA(ENVIRONMENT)},`,
    `        LOG_LEVEL: ${brsAA(LOG_LEVEL)},`,
    '        MediaSession: { build: stub_mediaSessionBuild },',
    '        adBreak: { build: stub_adBreakBuild },',
    '        adContent: { build: stub_adContentBuild },',
    '        Segment: { build: stub_segmentBuild }',
    '    }',
    'end function',
    '',
    'function stub_mediaSessionBuild(contentId, title, contentType, streamType, duration, mediaSessionAttributes = invalid, excludeAdBreaksFromContentTime = false) as object',
    '    return { mediaSessionId: "stub-session", contentId: contentId, title: title, contentType: contentType, streamType: streamType, duration: duration, currentPlayheadPosition: 0 }',
    'end function',
    'function stub_adBreakBuild(id, title) as object',
    '    return { id: id, title: title }',
    'end function',
    'function stub_adContentBuild(id, title) as object',
    '    return { id: id, title: title }',
    'end function',
    'function stub_segmentBuild(title, index, duration) as object',
    '    return { title: title, index: index, duration: duration }',
    'end function',
    '',
    'function mParticleSGBridge(task as object) as object',
    '    print "[stub] options " + FormatJson(m.global.mparticleOptions)',
    `    return { task: task, ${core.join(', ')}, identity: { ${identity.join(', ')} }, media: { ${media.join(', ')} } }`,
    'end function',
    '',
    '\' The RAF glue as the SDK documents it: forward to media.trackAdEvent, then chain.',
    'function mParticleRafContext(bridge = invalid, mediaSession = invalid, channelCallback = invalid, channelObj = invalid) as object',
    '    return { bridge: bridge, session: mediaSession, callback: channelCallback, obj: channelObj }',
    'end function',
    'sub mParticleRafCallback(obj = invalid, eventType = invalid, ctx = invalid)',
    '    if eventType <> invalid and eventType <> "" then obj.bridge.media.trackAdEvent(obj.session, eventType, ctx)',
    '    callback = obj.callback',
    '    if callback <> invalid then callback(obj.obj, eventType, ctx)',
    'end sub',
    '',
    '\' The stitched-ad glue (the sample\'s ssai scenario): registers nothing.',
    'function mParticleTrackSsai(adapter = invalid, bridge = invalid, mediaSession = invalid) as boolean',
    '    print "[stub] mParticleTrackSsai"',
    '    return true',
    'end function',
    '',
    'sub stub_checkSession(session as dynamic)',
    '    if type(session) <> "roAssociativeArray" or session.mediaSessionId = invalid then print "[stub] ERROR: not a media session"',
    'end sub',
    '',
    'function stub_describe(value as dynamic) as string',
    '    t = type(value)',
    '    if value = invalid then return "invalid"',
    '    if GetInterface(value, "ifToStr") <> invalid and t <> "roAssociativeArray" and t <> "roArray" then return t + "=" + value.toStr()',
    '    return t',
    'end function',
    '',
    ...fns.map((f) => `${f}\n`),
  ].join('\n');
}

/** Writes the stub under `dir` (laid out like generated/) and returns `dir`. */
export function writeStubSdk(dir: string): string {
  mkdirSync(path.join(dir, 'source', 'mparticle'), { recursive: true });
  mkdirSync(path.join(dir, 'components'), { recursive: true });
  writeFileSync(path.join(dir, 'source', 'mparticle', 'mParticleCore.brs'), stubCore());
  const fields = Object.values(SCENEGRAPH_NODES).map((f) => `        <field id="${f}" type="assocarray" />`);
  writeFileSync(
    path.join(dir, 'components', 'mParticleTask.xml'),
    ['<?xml version="1.0" encoding="utf-8" ?>', '<component name="mParticleTask" extends="Task">', '    <interface>', ...fields, '    </interface>', '</component>', ''].join('\n'),
  );
  return dir;
}
