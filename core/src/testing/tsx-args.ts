import { fileURLToPath } from 'node:url';

/** Node arguments that run a TypeScript entry on workspace sources, as tests do without a build. */
export function tsxArgs(entry: URL | string): string[] {
  const path = typeof entry === 'string' ? entry : fileURLToPath(entry);
  return ['--conditions=@mmskills/source', '--import', 'tsx', path];
}
