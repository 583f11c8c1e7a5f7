import { strict as assert } from 'node:assert';
import { generate } from '../../src-ts/generator';
import { GeneratorError } from '../../src-ts/generator/errors';
import { calledNames, inlineFunctionReferences } from '../../src-ts/generator/ropm-safe';
import { validateBrs, formatBscDiagnostics } from '../helpers/bsc';

const SRC = `function makeThing() as object
    return { build: thingBuild, size: thingSize }
end function

' Builds a thing.
function thingBuild(id = invalid as dynamic) as object
    return { id: id, parts: { sum: thingSize } }
end function

' Measures the thing it is called on.
function thingSize() as integer
    return m.count
end function

function keptHelper() as integer
    return 1
end function
`;

describe('generator/ropm-safe: no bare function references', () => {
  it('turns AA member references into function literals, nested ones too, and drops the unused declarations', async () => {
    const out = inlineFunctionReferences(SRC, 'test.brs');
    assert.equal(
      out,
      `function makeThing() as object
    return {
        ' Builds a thing.
        build: function(id = invalid as dynamic) as object
            return {
                id: id
                parts: {
                    ' Measures the thing it is called on.
                    sum: function() as integer
                        return m.count
                    end function
                }
            }
        end function
        ' Measures the thing it is called on.
        size: function() as integer
            return m.count
        end function
    }
end function

function keptHelper() as integer
    return 1
end function
`,
    );
    const errors = (await validateBrs({ 'source/a.brs': out })).filter((d) => d.severity === 1);
    assert.deepEqual(errors, [], formatBscDiagnostics(errors));
  });

  it('keeps a declaration that another file calls', () => {
    const out = inlineFunctionReferences(SRC, 'test.brs', calledNames(['sub x()\n    print thingSize()\nend sub\n']));
    assert.match(out, /^function thingSize\(\) as integer$/m);
    assert.doesNotMatch(out, /^function thingBuild/m);
  });

  it('refuses a reference outside an AA literal with MPG008', () => {
    assert.throws(
      () => inlineFunctionReferences('sub a()\n    f = b\nend sub\nsub b()\nend sub\n', 'x.brs'),
      (e: unknown) => e instanceof GeneratorError && e.code === 'MPG008' && /function b/.test(e.message),
    );
  });

  it('leaves none in generated/', () => {
    for (const [rel, text] of Object.entries(generate())) {
      if (rel.endsWith('.brs')) assert.equal(inlineFunctionReferences(text, rel), text, rel);
    }
  });
});
