import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The command line of the vector authors: with `--write`, writes every golden file; without it,
 * names each file that differs from what the TypeScript logic gives now and exits 1.
 */
export function refreshGoldens(goldens: ReadonlyArray<{ file: string; text: string }>, argv: readonly string[] = process.argv): void {
  const write = argv.includes('--write');
  let stale = 0;
  for (const { file, text } of goldens) {
    if (write) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`wrote ${file}`);
    } else if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      console.log(`differs: ${file}`);
      stale++;
    }
  }
  process.exitCode = stale === 0 ? 0 : 1;
}
