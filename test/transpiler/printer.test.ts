/**
 * The printer on hand-built ASTs: BrightScript precedence (and/or share a level, `not`
 * takes a whole comparison), literals and layout.
 */
import { strict as assert } from 'node:assert';
import { b } from '../../src-ts/transpiler/brs-ast';
import { printExpr, printFunction } from '../../src-ts/transpiler/printer';

describe('transpiler: printer', () => {
  const [x, y, z] = [b.ident('x'), b.ident('y'), b.ident('z')];

  it('parenthesises mixed and/or chains, which BrightScript reads left to right', () => {
    assert.equal(printExpr(b.binary('or', x, b.binary('and', y, z))), 'x or (y and z)');
    assert.equal(printExpr(b.binary('and', b.binary('or', x, y), z)), '(x or y) and z');
    assert.equal(printExpr(b.binary('and', b.binary('and', x, y), z)), 'x and y and z');
  });

  it('wraps a `not` operand that is not atomic, and a `not` inside other operators', () => {
    assert.equal(printExpr(b.not(b.binary('=', x, y))), 'not (x = y)');
    assert.equal(printExpr(b.not(x)), 'not x');
    assert.equal(printExpr(b.binary('=', b.not(x), y)), '(not x) = y');
    assert.equal(printExpr(b.binary('and', b.not(x), y)), 'not x and y');
  });

  it('keeps arithmetic grouping', () => {
    assert.equal(printExpr(b.binary('*', b.binary('+', x, y), z)), '(x + y) * z');
    assert.equal(printExpr(b.binary('-', x, b.binary('-', y, z))), 'x - (y - z)');
    assert.equal(printExpr(b.binary('-', b.binary('-', x, y), z)), 'x - y - z');
    assert.equal(printExpr(b.neg(b.binary('+', x, y))), '-(x + y)');
    assert.equal(printExpr(b.binary('=', b.binary('<', x, y), b.bool(true))), '(x < y) = true');
  });

  it('prints typed literals', () => {
    assert.equal(printExpr(b.int(3)), '3');
    assert.equal(printExpr(b.long(1593007533602)), '1593007533602&');
    assert.equal(printExpr(b.double(0.1)), '0.1#');
    assert.equal(printExpr(b.double(2)), '2#');
    assert.equal(printExpr(b.invalid()), 'invalid');
    assert.equal(printExpr(b.str('a "q"')), '"a ""q"""');
    assert.equal(printExpr(b.str('a\nb')), '("a" + Chr(10) + "b")');
    assert.equal(printExpr(b.str('')), '""');
  });

  it('quotes associative array keys that are not plain identifiers', () => {
    assert.equal(printExpr(b.aa([{ key: 'a', value: b.int(1) }, { key: 'b-c', value: b.int(2) }])), '{ a: 1, "b-c": 2 }');
    assert.equal(printExpr(b.aa([])), '{}');
    assert.equal(printExpr(b.array([])), '[]');
  });

  it('breaks long literals into one entry per line, with commas between entries', () => {
    const long = b.array(Array.from({ length: 12 }, (_, i) => b.str(`item-number-${i}`)));
    const lines = printExpr(long).split('\n');
    assert.equal(lines[0], '[');
    assert.equal(lines[1], '    "item-number-0",');
    assert.equal(lines[12], '    "item-number-11"');
    assert.equal(lines[13], ']');
  });

  it('prints a function with typed parameters and a sub for void', () => {
    const fn = printFunction({
      kind: 'FunctionDecl',
      name: 'mParticle_f',
      params: [
        { kind: 'Param', name: 'a', type: 'string' },
        { kind: 'Param', name: 'b', type: 'longinteger', default: b.long(0) },
      ],
      returnType: 'void',
      body: [{ kind: 'If', branches: [{ cond: x, body: [{ kind: 'Return' }] }], elseBody: [b.exprStmt(b.call('f', []))] }],
    });
    assert.equal(fn, 'sub mParticle_f(a as string, b = 0& as longinteger)\n    if x\n        return\n    else\n        f()\n    end if\nend sub');
  });
});
