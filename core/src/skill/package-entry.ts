import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * tsx's loader as a file URL, or undefined where tsx is not installed (a user's install: it is a
 * development dependency). Resolved here, not by the child, whose working directory may lie
 * anywhere (a skill's own cwd, a temp folder, a clone).
 */
export function tsxLoader(): string | undefined {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    return undefined;
  }
}

/**
 * Node arguments that run a workspace package's bin from its folder: `src/bin.ts` through tsx when
 * `source` asks for it, or when the package is not built and tsx is there; else `dist/bin.js`
 * (which, when missing, fails with the path that is missing).
 */
export function packageEntryArgs(dir: string, options: { source?: boolean } = {}): string[] {
  const built = join(dir, 'dist', 'bin.js');
  const loader = (options.source ?? !existsSync(built)) ? tsxLoader() : undefined;
  return loader ? ['--conditions=@mmskills/source', '--import', loader, join(dir, 'src', 'bin.ts')] : [built];
}
