import { fileURLToPath } from 'node:url';
import { tsxLoader } from '../skill/package-entry.js';

/** Node arguments that run a TypeScript entry on workspace sources, as tests do without a build. */
export function tsxArgs(entry: URL | string): string[] {
  const loader = tsxLoader();
  if (!loader) throw new Error('tsx is not installed: tests run the workspace sources through it');
  const path = typeof entry === 'string' ? entry : fileURLToPath(entry);
  return ['--conditions=@mmskills/source', '--import', loader, path];
}
