/**
 * The messages reducer (src-ts/logic/core-messages.ts) means the same in TypeScript and in the
 * generated BrightScript: every messages vector (test/vectors/core/messages-*.json) and a set of
 * seeded random input sequences run through both (the BrightScript in the simulator, from
 * generated/), and the effects and the observed state of every step must be identical.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { messageReduce } from '../../src-ts/logic/core-messages';
import { MESSAGES_VECTOR_DIR, randomMessagesVector } from './messages-author';
import { compareReducerInBrs, type ReducerVector } from './reducer-vectors';

const RANDOM_SEEDS = 24;

function loadVectors(): ReducerVector[] {
  const fixed = fs
    .readdirSync(MESSAGES_VECTOR_DIR)
    .filter((f) => f.startsWith('messages-') && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(MESSAGES_VECTOR_DIR, f), 'utf8')) as ReducerVector);
  return [...fixed, ...Array.from({ length: RANDOM_SEEDS }, (_, i) => randomMessagesVector(`messages-brs-${i}`))];
}

describe('messages reducer: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-messages-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('on every messages vector and on seeded random input sequences', async () => {
    const vectors = loadVectors();
    assert.ok(vectors.length > RANDOM_SEEDS, 'no messages vectors found');
    const compared = await compareReducerInBrs({ collector, fn: 'mParticle_messageReduce', tag: 'MVEC', reduce: messageReduce as never, vectors });
    console.log(`      compared ${vectors.length} vectors, ${compared} effects`);
  });
});
