/**
 * The generated SDK's BrightScript for tests that run transpiled logic on a channel's main
 * thread (the TS ≡ BrightScript vectors): the scene include and the Task-only logic, both
 * under source/, which the main thread compiles whole. Read from generated/ as committed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCENE_INCLUDE, TASK_LOGIC } from '../../src-ts/generator/sides';

const GENERATED = path.resolve(__dirname, '..', '..', 'generated');

export function mainThreadSdk(): Record<string, string> {
  const read = (rel: string) => fs.readFileSync(path.join(GENERATED, rel), 'utf8');
  return { [SCENE_INCLUDE]: read(SCENE_INCLUDE), [`source/mparticle/${path.basename(TASK_LOGIC)}`]: read(TASK_LOGIC) };
}
