/**
 * The schema's media API table is the spec page's "Event Names" table: every API the page names
 * gives the page's event name, in the page's order, and the schema has no media API the page
 * lacks. The page's table is copied verbatim into spec-event-names.txt (tests read nothing
 * outside the repository).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MEDIA_APIS } from '../../src-ts/schema/media-apis';

/** The table's rows, `logPlay() ‘Play’` (the page spells one `logMediaContentEnd:()`), in order. */
export function specEventTable(): Array<[method: string, event: string]> {
  const text = readFileSync(path.join(__dirname, 'spec-event-names.txt'), 'utf8');
  return [...text.matchAll(/^(log\w+):?\(\)\s+‘([^’]+)’$/gm)].map((m) => [m[1], m[2]]);
}

describe('schema: the media APIs of the spec page', () => {
  it('every row of the page\'s table, in order, is a media API (or its alias) with that event name', () => {
    const rows = specEventTable();
    assert.equal(rows.length, 23, 'the page lists 23 media APIs');
    const byName = new Map(MEDIA_APIS.flatMap((a) => [a.method, ...(a.aliases ?? [])].map((n) => [n, a] as const)));
    for (const [method, event] of rows) {
      const api = byName.get(method);
      assert.ok(api, `${method} is not a media API of the schema`);
      assert.equal(api.event, event, method);
    }
    assert.deepEqual(MEDIA_APIS.map((a) => a.event), rows.map(([, e]) => e), 'the schema keeps the page\'s order and adds nothing');
  });
});
