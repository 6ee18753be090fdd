/**
 * `npm run build -w adapters/circleci-orb`: regenerates src/commands and src/jobs from the input table and the
 * core bundle's pin, then packs src/ into orb.yml. `--check` writes nothing and exits 1 when anything is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expectedFiles, ORB_ROOT } from './orb-source.js';
import { packOrbText } from './orb-pack.js';

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const stale: string[] = [];
  for (const [file, text] of expectedFiles()) {
    if (read(file) === text) continue;
    stale.push(file);
    if (!check) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  const orbFile = join(ORB_ROOT, 'orb.yml');
  // In check mode the sources on disk may be stale; pack what is committed and compare.
  const packed = packOrbText(join(ORB_ROOT, 'src'));
  if (read(orbFile) !== packed) {
    stale.push(orbFile);
    if (!check) writeFileSync(orbFile, packed);
  }
  if (check && stale.length > 0) {
    process.stderr.write(`circleci-orb: stale, run npm run build -w adapters/circleci-orb: ${stale.join(', ')}\n`);
    return 1;
  }
  process.stderr.write(check ? 'circleci-orb: orb.yml and generated sources are up to date\n' : `circleci-orb: wrote ${stale.length} file(s)\n`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
