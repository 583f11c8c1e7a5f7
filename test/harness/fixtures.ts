import { join } from 'node:path';
import type { Collector } from '../../sim/collector/collector';
import { readChannelDir } from '../../sim/engine/channelDir';
import { testConfigFile, type ConfigValue } from './testConfig';
import type { FileTree } from '../../sim/engine/zip';

const FIXTURES = join(__dirname, 'fixtures');

/** Tasks of the harness's own fixture channels (test/harness/fixtures/<dir>/components). */
export const FIXTURE_TASKS = { SenderTask: 'sender', RegistryTask: 'registry', IdentityTask: 'identity' } as const;

/**
 * A SceneGraph channel made of fixtures/common (Main + HarnessScene, which runs `task`
 * and exits when it sets `done`), the task's own components and a testConfig.brs.
 */
export function fixtureChannel(
  task: keyof typeof FIXTURE_TASKS,
  collector: Collector,
  apiSecret: string,
  extra: Record<string, ConfigValue> = {},
): FileTree {
  return {
    ...readChannelDir(join(FIXTURES, 'common')),
    ...readChannelDir(join(FIXTURES, FIXTURE_TASKS[task]), { requireManifest: false }),
    ...testConfigFile(collector, apiSecret, { task, ...extra }),
  };
}
