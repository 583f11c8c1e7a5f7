import { strict as assert } from 'node:assert';
import { brsLiteral, brsString } from '../../src-ts/generator/brs-values';

describe('generator/brs-values', () => {
  it('doubles quotes, the only escape BrightScript strings have', () => {
    assert.equal(brsString('say "hi"'), '"say ""hi"""');
  });

  it('gives integers beyond 32 bits the LongInteger suffix and decimals the Double suffix', () => {
    assert.equal(brsLiteral(60000), '60000');
    assert.equal(brsLiteral(1593007533602), '1593007533602&');
    assert.equal(brsLiteral(-2147483648), '-2147483648&');
    assert.equal(brsLiteral(25.5), '25.5#');
  });

  it('quotes keys that are not identifiers and lays out large objects one entry per line', () => {
    assert.equal(brsLiteral({ FIRSTNAME: '$FirstName' }), '{ FIRSTNAME: "$FirstName" }');
    assert.equal(brsLiteral({ '$a': 1 }), '{ "$a": 1 }');
    assert.equal(brsLiteral({ a: 1, b: 2, c: 3, d: null }), '{\n    a: 1\n    b: 2\n    c: 3\n    d: invalid\n}');
  });

  it('rejects values that have no BrightScript literal', () => {
    assert.throws(() => brsLiteral(Number.NaN), /MPG006/);
    assert.throws(() => brsLiteral('two\nlines'), /MPG006/);
  });
});
