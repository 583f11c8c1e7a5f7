/**
 * brighterscript 0.67 (which Rooibos pins and many channels build with) and ropm's parser
 * misread Double literals of ten or more digits, and then shift every later edit of the file
 * (found when the tracker's wall-clock threshold, 1e9, broke the ropm-prefixed package). No
 * generated BrightScript may contain one outside comments and strings.
 */
import { strict as assert } from 'node:assert';
import { generate } from '../../src-ts/generator';

describe('generated BrightScript: literals older parsers read right', () => {
  it('has no Double literal of ten or more digits', () => {
    const files = generate();
    const found: string[] = [];
    for (const [rel, text] of Object.entries(files).filter(([f]) => f.endsWith('.brs'))) {
      text.split('\n').forEach((line, i) => {
        const code = line.replace(/"(?:[^"]|"")*"/g, '""').replace(/'.*$/, '');
        for (const m of code.matchAll(/\b\d{10,}(?:\.\d*)?#/g)) found.push(`${rel}:${i + 1} ${m[0]}`);
      });
    }
    assert.deepEqual(found, []);
  });
});
