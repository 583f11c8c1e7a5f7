import { strict as assert } from 'node:assert';
import { DECIMAL_TYPE_NAMES, DOUBLE_TYPE_NAMES, INTEGRAL_TYPE_NAMES, TYPEOF_NAMES } from '../../src-ts/transpiler/brs-types';

describe('brs-types: the one table of type() names', () => {
  it('has the numbers of typeof exactly the integral and the decimal names', () => {
    assert.deepEqual([...TYPEOF_NAMES.number].sort(), [...INTEGRAL_TYPE_NAMES, ...DECIMAL_TYPE_NAMES].sort());
    for (const n of DOUBLE_TYPE_NAMES) assert.ok((DECIMAL_TYPE_NAMES as readonly string[]).includes(n), n);
  });

  it('gives each name one typeof answer, boxed names before intrinsic ones', () => {
    const all = Object.values(TYPEOF_NAMES).flat();
    assert.equal(new Set(all).size, all.length);
    for (const names of [...Object.values(TYPEOF_NAMES), INTEGRAL_TYPE_NAMES, DECIMAL_TYPE_NAMES, DOUBLE_TYPE_NAMES]) {
      // roInt, the name of a boxed Integer read from a node field, is the rare one and comes
      // last; LongInteger (what brs-engine reads from an associative array) follows roLongInteger.
      const boxed = names.filter((n) => n.startsWith('ro') && n !== 'roInt' && n !== 'roInvalid');
      const expected = boxed.flatMap((n) => (n === 'roLongInteger' ? [n, 'LongInteger'] : [n]));
      assert.deepEqual(names.slice(0, expected.length), expected, names.join(', '));
    }
  });
});
