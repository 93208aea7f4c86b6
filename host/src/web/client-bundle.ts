import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// The page's TypeScript modules and styles live in host/web/; the build bundles the modules beside
// this file's compiled form (dist/web/app.js). Both src/web and dist/web are two levels below the
// package.
const ENTRY = fileURLToPath(new URL('../../web/main.ts', import.meta.url));
export const CLIENT_STYLES = {
  'app.css': new URL('../../web/chat.css', import.meta.url),
  'tools.css': new URL('../../web/tools.css', import.meta.url),
};
export const BUILT_CLIENT = new URL('./app.js', import.meta.url);

/** esbuild (a build-time dependency) bundles the page's modules into one script with no imports. */
export async function bundleClient(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    // Modules from source (core's skeleton), as the workspace's tests run them.
    conditions: ['@mmskills/source'],
    legalComments: 'none',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * The page's script: the build's bundle, or, running from source (tests, tsx), a bundle made now,
 * so the page never serves a stale build.
 */
export async function clientScript(): Promise<string> {
  return existsSync(BUILT_CLIENT) ? readFile(BUILT_CLIENT, 'utf8') : bundleClient();
}
