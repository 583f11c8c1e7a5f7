/**
 * `npm run generate` (writes generated/) and `npm run generate -- --check` (fails when
 * generated/ differs from what the generator produces, as CI checks).
 */
import { checkGenerated, writeGenerated, GENERATED_DIR } from './index';
import { GeneratorError } from './errors';

function main(argv: string[]): number {
  try {
    if (argv.includes('--check')) {
      checkGenerated();
      console.log('generated/ is up to date');
    } else {
      const files = writeGenerated();
      console.log(`wrote ${files.length} files to ${GENERATED_DIR}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof GeneratorError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
