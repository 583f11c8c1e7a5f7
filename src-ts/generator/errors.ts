/**
 * Typed generator errors in the roku-deploy style: what failed, where, and how to fix it.
 */
export class GeneratorError extends Error {
  constructor(
    /** Short code for tests and logs, e.g. MPG001. */
    public readonly code: string,
    /** What failed. */
    what: string,
    /** File (and line) where it failed. */
    public readonly where: string,
    /** How to fix it. */
    public readonly fix: string,
  ) {
    super(`${where}: ${code} ${what}. ${fix}`);
    this.name = 'GeneratorError';
  }
}

/** The catalog of generator errors: one factory per failure. */
export const GeneratorErrors = {
  unfilledHole: (template: string, line: number, hole: string) =>
    new GeneratorError('MPG001', `hole ${hole} was not filled`, `${template}:${line}`, `Give the emitter of this file a fill for ${hole}, or remove the hole from the template.`),
  unknownHole: (template: string, hole: string) =>
    new GeneratorError('MPG002', `a fill was given for hole ${hole}, which the template does not have`, template, `Add the line '@@HOLE:${hole}@@ to the template, or drop the fill.`),
  duplicateHole: (template: string, line: number, hole: string) =>
    new GeneratorError('MPG003', `hole ${hole} appears twice`, `${template}:${line}`, 'Keep one hole per name so each fill has one place.'),
  transpileFailed: (count: number, report: string) =>
    new GeneratorError('MPG004', `the logic did not transpile (${count} diagnostic${count === 1 ? '' : 's'})`, 'src-ts/logic', `Fix these and run npm run generate again:\n${report}`),
  outOfDate: (files: string[]) =>
    new GeneratorError('MPG005', `generated/ is not what the generator produces (${files.join(', ')})`, 'generated/', 'Run npm run generate and commit the result.'),
  unsupportedValue: (where: string, value: unknown) =>
    new GeneratorError('MPG006', `cannot write ${typeof value} as a BrightScript literal`, where, 'Use strings, numbers, booleans, arrays or plain objects in schema data.'),
  badBuilder: (where: string, what: string) =>
    new GeneratorError('MPG007', `cannot generate ${what}`, where, 'In src-ts/schema/builders.ts, start each builder with build, give fields only parameters of build, and give every method that is not a one-value setter an impl.'),
  functionReference: (where: string, name: string, why: string) =>
    new GeneratorError('MPG008', `cannot make the reference to function ${name} safe for ropm: ${why}`, where, 'Reference SDK functions only as values of AA literal members (methods), or call them.'),
  taskOnlyCall: (where: string, caller: string, callee: string, calleeFile: string) =>
    new GeneratorError('MPG009', `${caller} (scene side) uses ${callee}, which only mParticleTask compiles (${calleeFile})`, where, 'Hand the work to the Task through a bridge call, or, if the render thread must run it, put its logic file in SCENE_LOGIC_FILES (src-ts/generator/sides.ts).'),
  taskFunctionName: (where: string, name: string) =>
    new GeneratorError('MPG011', `function ${name} of the hand-written Task lacks the prefix mParticle_task`, where, 'Name every function of the Task templates mParticle_task... (init excepted): a name says whether it was transpiled (mParticle_<logic name>) or written by hand.'),
  badSessionKeeping: (where: string, fn: string) =>
    new GeneratorError('MPG010', `cannot write out ${fn} in the bridge`, where, `Make ${fn} a sub (mediaSession, now) of src-ts/logic/bridge-session.ts with no return and no local named clock, now, end_ or t: the bridge writes its body out in the media method (emit-bridge.ts).`),
} as const;
