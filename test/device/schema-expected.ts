/**
 * `schemaExpected.brs`: the constant tables of src-ts/schema as BrightScript literals, so the
 * Constants suite compares mParticleConstants() on a device (or the simulator) with the
 * schema, not with a hand-copied list. The file is committed because device runs build the
 * suites from test/device as they are; rooibos-sim.test.ts fails when it is stale.
 *
 *   npx tsx test/device/schema-expected.ts     # rewrite it after a schema change
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as schema from '../../src-ts/schema';
import { brsLiteral } from '../../src-ts/generator/brs-values';

export const SCHEMA_EXPECTED_PATH = path.join(__dirname, 'schemaExpected.brs');

const TABLES = [
  'LOG_LEVEL',
  'ENVIRONMENT',
  'SCENEGRAPH_NODES',
  'USER_ATTRIBUTES',
  'MESSAGE_TYPE',
  'CUSTOM_EVENT_TYPE',
  'MEDIA_CONTENT_TYPE',
  'MEDIA_STREAM_TYPE',
  'IDENTITY_TYPE',
  'IDENTITY_TYPE_INT',
  'MEDIA_EVENT_NAME',
  'MEDIA_ATTRIBUTE',
  'DEFAULT_OPTIONS',
] as const;

export function schemaExpectedText(): string {
  const lines = [
    "' written by test/device/schema-expected.ts from src-ts/schema: do not edit",
    "' The constant tables mParticleConstants() must hold, for ConstantsTests.spec.bs.",
    'function schemaExpected() as object',
    '    return {',
    `        SDK_VERSION: ${brsLiteral(schema.SDK_VERSION)}`,
    ...TABLES.map((name) => `        ${name}: ${brsLiteral((schema as Record<string, unknown>)[name], '        ', name, 1000)}`),
    '    }',
    'end function',
    '',
  ];
  return lines.join('\n');
}

export function schemaExpectedIsCurrent(): boolean {
  return readFileSync(SCHEMA_EXPECTED_PATH, 'utf8') === schemaExpectedText();
}

if (require.main === module) writeFileSync(SCHEMA_EXPECTED_PATH, schemaExpectedText());
