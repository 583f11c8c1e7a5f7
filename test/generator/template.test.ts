import { strict as assert } from 'node:assert';
import { fillTemplate, holesOf } from '../../src-ts/generator/template';
import { GeneratorError } from '../../src-ts/generator/errors';

const brs = (text: string) => ({ path: 'brs-templates/x.brs', text });

describe('generator/template', () => {
  it('replaces a BrightScript hole line with its fill', () => {
    const out = fillTemplate(brs("sub a()\n'@@HOLE:BODY@@\nend sub"), { BODY: '    print 1' });
    assert.equal(out, 'sub a()\n    print 1\nend sub');
  });

  it('replaces an XML hole and lists holes in order', () => {
    const t = brs('<a>\n<!--@@HOLE:ONE@@-->\n  \'@@HOLE:TWO@@\n</a>');
    assert.deepEqual(holesOf(t), ['ONE', 'TWO']);
    assert.equal(fillTemplate(t, { ONE: '<b/>', TWO: '' }), '<a>\n<b/>\n</a>');
  });

  it('fails with MPG001 and the line when a hole is left unfilled', () => {
    assert.throws(
      () => fillTemplate(brs("x = 1\n'@@HOLE:BODY@@"), {}),
      (e: unknown) => e instanceof GeneratorError && e.code === 'MPG001' && e.message.includes('brs-templates/x.brs:2') && e.message.includes('BODY'),
    );
  });

  it('fails with MPG002 when a fill has no hole', () => {
    assert.throws(() => fillTemplate(brs('x = 1'), { EXTRA: 'y' }), (e: unknown) => e instanceof GeneratorError && e.code === 'MPG002');
  });

  it('fails with MPG003 when a hole appears twice', () => {
    assert.throws(() => fillTemplate(brs("'@@HOLE:A@@\n'@@HOLE:A@@"), { A: '' }), (e: unknown) => e instanceof GeneratorError && e.code === 'MPG003');
  });

  it('leaves a hole-like text inside a line alone', () => {
    const text = "print \"'@@HOLE:A@@\"";
    assert.equal(fillTemplate(brs(text), {}), text);
  });
});
