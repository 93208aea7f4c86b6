import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Resolved here, not by the child: a child started in a folder outside the repository (a temp
// folder, a clone) would not find `tsx` from its own working directory.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Node arguments that run a TypeScript entry on workspace sources, as tests do without a build. */
export function tsxArgs(entry: URL | string): string[] {
  const path = typeof entry === 'string' ? entry : fileURLToPath(entry);
  return ['--conditions=@mmskills/source', '--import', TSX_LOADER, path];
}
