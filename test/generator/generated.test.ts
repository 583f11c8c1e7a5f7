import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BRIDGE_APIS, BUILDERS, ENUMS, LOCAL_APIS, MEDIA_APIS, MEDIA_ATTRIBUTES, OPTIONS, SDK_VERSION } from '../../src-ts/schema';
import { builderFunctionName, builderSignature } from '../../src-ts/generator/emit-builders';
import { EMITTERS, GENERATED_DIR, emitAll, generate, sdkChannelFiles, staleFiles } from '../../src-ts/generator';
import { formatBscDiagnostics, validateBrs } from '../helpers/bsc';

const read = (rel: string) => fs.readFileSync(path.join(GENERATED_DIR, rel), 'utf8');

describe('generated/', () => {
  let files: Record<string, string>;
  before(() => {
    files = generate();
  });

  it('is what the generator produces, byte for byte (run npm run generate to refresh)', () => {
    assert.deepEqual(staleFiles(), []);
  });

  it('produces the same bytes on a second run', () => {
    assert.deepEqual(generate(), files);
  });

  it('starts every file with a one-line "do not edit" header naming its sources', () => {
    for (const rel of Object.keys(EMITTERS)) {
      // JSON has no comments: the data plan carries the header in its version_description.
      const first = rel.endsWith('.json') ? String(JSON.parse(files[rel]).version_description).replace(/^.*; /, '') : files[rel].split('\n')[0];
      assert.match(first, /^(' |<!-- )generated from .*brs-templates|src-ts.* by src-ts\/generator: do not edit/, rel);
    }
  });

  // The emitters' output: the ropm-safe pass then turns `name: function` members into literals (ropm-safe.test.ts).
  describe('walks the schema', () => {
    let core: string;
    let task: string;
    let docs: string;
    before(() => {
      const emitted = emitAll();
      core = emitted['source/mparticle/mParticleCore.brs'];
      task = emitted['components/mParticleTask.brs'];
      docs = emitted['API.md'];
    });

    it('has every media API as a bridge method, a dispatch case and a documented event', () => {
      for (const api of MEDIA_APIS) {
        for (const name of [api.method, ...(api.aliases ?? [])]) assert.ok(new RegExp(`^\\s+${name}: mParticle_bridgeMedia`, 'm').test(core), `bridge media.${name}`);
        assert.ok(task.includes(`name = "media.${api.method}"`), `dispatch media.${api.method}`);
        assert.ok(core.includes(`${api.key}: "${api.event}"`), `MEDIA_EVENT_NAME.${api.key}`);
        assert.ok(docs.includes(`| \`${api.method}()\` | \`${api.event}\` |`), `API.md event row ${api.method}`);
        assert.ok(docs.includes(`m.mparticle.media.${api.method}(`), `API.md signature ${api.method}`);
      }
    });

    it('has every core and identity method on the bridge and in the dispatch', () => {
      for (const api of BRIDGE_APIS) {
        assert.ok(task.includes(`name = "${api.ns}.${api.method}"`), `dispatch ${api.ns}.${api.method}`);
        const prefix = api.ns === 'core' ? 'm.mparticle.' : `m.mparticle.${api.ns}.`;
        assert.ok(docs.includes(prefix + api.method + '('), `API.md ${api.ns}.${api.method}`);
      }
    });

    it('has every attribute key with its description', () => {
      for (const attr of MEDIA_ATTRIBUTES) {
        assert.ok(core.includes(`${attr.name}: "${attr.key}"`), `MEDIA_ATTRIBUTE.${attr.name}`);
        assert.ok(docs.includes(`| \`${attr.key}\` |`), `API.md attribute ${attr.key}`);
        assert.ok(docs.includes(attr.doc.replace(/\|/g, '\\|')), `API.md doc of ${attr.key}`);
      }
    });

    it('has every constant of every enum, with its value', () => {
      assert.ok(core.includes(`c.SDK_VERSION = "${SDK_VERSION}"`));
      for (const e of ENUMS) {
        assert.ok(core.includes(`c.${e.name} = `), e.name);
        for (const mb of e.members) {
          const value = typeof mb.value === 'string' ? `"${mb.value}"` : String(mb.value);
          const key = /^[A-Za-z_]\w*$/.test(mb.key) ? mb.key : `"${mb.key}"`;
          assert.ok(core.includes(`${key}: ${value}`), `${e.name}.${mb.key}`);
          assert.ok(docs.includes(`| \`${mb.key}\` | \`${JSON.stringify(mb.value)}\` |`), `API.md ${e.name}.${mb.key}`);
        }
      }
    });

    it('documents every option and puts every default into DEFAULT_OPTIONS', () => {
      const defaults = core.slice(core.indexOf('c.DEFAULT_OPTIONS'), core.indexOf('c.SCENEGRAPH_NODES'));
      for (const o of OPTIONS) {
        assert.ok(docs.includes(`| \`${o.name}\` |`), `API.md option ${o.name}`);
        if (o.default !== null) assert.ok(defaults.includes(`${o.name}: `), `DEFAULT_OPTIONS.${o.name}`);
      }
    });

    it('has every builder method in its table, defined once, and documented with every field', () => {
      for (const b of BUILDERS) {
        const start = core.indexOf(`    c.${b.name} = {`);
        assert.ok(start >= 0, `c.${b.name}`);
        const block = core.slice(start, core.indexOf('\n    }', start));
        for (const mt of b.methods) {
          const fn = builderFunctionName(b, mt);
          assert.ok(block.includes(`        ${mt.name}: ${fn}\n`) || block.endsWith(`        ${mt.name}: ${fn}`), `${b.name}.${mt.name}`);
          const defs = core.match(new RegExp(`^(sub|function) ${fn}\\(`, 'gm')) ?? [];
          assert.equal(defs.length, 1, `${fn} is defined once`);
          assert.ok(docs.includes(builderSignature(b, mt)), `API.md ${builderSignature(b, mt)}`);
        }
        for (const f of b.fields) assert.ok(docs.includes(`| \`${f.name}\` |`), `API.md field ${b.name}.${f.name}`);
      }
    });

    it('has every render-thread bridge method and every function of a constant table, documented', () => {
      for (const l of LOCAL_APIS) {
        assert.ok(new RegExp(`^\\s+${l.method}: ${l.impl}$`, 'm').test(core), `bridge ${l.ns}.${l.method}`);
        assert.ok(docs.includes(`.${l.method}(`), `API.md ${l.method}`);
      }
      for (const e of ENUMS) {
        for (const mt of e.methods ?? []) {
          assert.ok(core.includes(`c.${e.name}.${mt.name} = ${mt.impl}`), `${e.name}.${mt.name}`);
          assert.ok(docs.includes(`${e.name}.${mt.name}(`), `API.md ${e.name}.${mt.name}`);
        }
      }
      assert.ok(docs.includes("## Moving from mParticle's Roku SDK 2.x"), 'API.md migration section');
    });

    it('declares a Task field for every SCENEGRAPH_NODES entry', () => {
      const xml = files['components/mParticleTask.xml'];
      for (const mb of ENUMS.find((e) => e.name === 'SCENEGRAPH_NODES')!.members) {
        assert.ok(xml.includes(`<field id="${mb.value}" type="assocarray"`), mb.key);
      }
    });
  });

  it('passes bsc and bslint with zero errors', async () => {
    const channel = Object.fromEntries(Object.keys(sdkChannelFiles(files)).map((rel) => [rel, read(rel)]));
    const errors = await validateBrs(channel, { plugins: ['@rokucommunity/bslint'], maxSeverity: 1 });
    assert.equal(errors.length, 0, formatBscDiagnostics(errors));
  });
});
