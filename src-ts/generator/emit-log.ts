/**
 * The LOG hole of mParticleCore.brs: mParticle_log(level, message), mParticle_logLevel() and one
 * helper per level (mParticle_logError, mParticle_logInfo, mParticle_logDebug), from the schema's
 * LOG_LEVEL and the logLevel option's default, so that no template writes a level as a number.
 */
import { DEFAULT_OPTIONS, ENUMS } from '../schema';
import { brsString } from './brs-values';

function levels(): { key: string; value: number }[] {
  const e = ENUMS.find((x) => x.name === 'LOG_LEVEL');
  if (!e) throw new Error('schema: LOG_LEVEL missing');
  const members = e.members.map((mb) => ({ key: mb.key, value: Number(mb.value) })).sort((a, b) => a.value - b.value);
  // mParticle_log indexes the names by level.
  members.forEach((mb, i) => {
    if (mb.value !== i) throw new Error(`schema: LOG_LEVEL values must be 0, 1, 2, ...; ${mb.key} is ${mb.value}`);
  });
  return members;
}

const helperName = (key: string) => `mParticle_log${key[0]}${key.slice(1).toLowerCase()}`;

export function emitLog(): string {
  const all = levels();
  const max = all[all.length - 1].value;
  const fallback = DEFAULT_OPTIONS['logLevel'];
  if (typeof fallback !== 'number') throw new Error('schema: the logLevel option needs a number default');
  const fallbackKey = all.find((l) => l.value === fallback)!.key;
  const helpers = all
    .filter((l) => l.value > 0)
    .flatMap((l) => ['', `sub ${helperName(l.key)}(message as string)`, `    if mParticle_logLevel() >= ${l.value} then print ${brsString(`mParticle SDK [${l.key}] `)} + message`, 'end sub']);
  return [
    "' One log line per problem, never the API secret. The level comes from the Task's options",
    `' once it has read them, otherwise from m.global.mparticleOptions, otherwise ${fallbackKey}.`,
    "' Templates call the helper of a level (mParticle_logError, ...); mParticle_log takes a LOG_LEVEL value.",
    'sub mParticle_log(level as integer, message as string)',
    '    if level > mParticle_logLevel() then return',
    `    names = [${all.map((l) => brsString(l.key)).join(', ')}]`,
    '    print "mParticle SDK [" + names[level] + "] " + message',
    'end sub',
    '',
    'function mParticle_logLevel() as integer',
    '    g = GetGlobalAA()',
    '    if g.mParticle_logLevelCache <> invalid then return g.mParticle_logLevelCache',
    `    level = ${fallback}`,
    '    if type(g.global) = "roSGNode"',
    '        options = g.global.mparticleOptions',
    '        if type(options) = "roAssociativeArray" and mParticle_typeof(options.logLevel) = "number" then level = Int(options.logLevel)',
    '    end if',
    `    if level < ${all[0].value} then level = ${all[0].value}`,
    `    if level > ${max} then level = ${max}`,
    '    g.mParticle_logLevelCache = level',
    '    return level',
    'end function',
    ...helpers,
  ].join('\n');
}
