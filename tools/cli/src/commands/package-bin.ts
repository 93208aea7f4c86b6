import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Node arguments that run a workspace package's bin: its built `dist/bin.js`, or its source through tsx. */
export function packageBin(pkg: string): string[] {
  const entry = createRequire(import.meta.url).resolve(pkg);
  const dir = dirname(dirname(entry));
  const built = join(dir, 'dist', 'bin.js');
  return existsSync(built)
    ? [built]
    : ['--conditions=@mmskills/source', '--import', 'tsx', join(dir, 'src', 'bin.ts')];
}
