import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
// The same walk the container build prunes its install with (deploy/), so the sizes here are the images'.
import { LockSchema, productionClosure } from '../../deploy/src/production-closure.js';

/** One package a production install of a workspace brings, with the bytes it puts on disk. */
export interface InstalledPackage {
  name: string;
  location: string;
  workspace: boolean;
  bytes: number;
}

/**
 * What `npm install --omit=dev` of one workspace installs, read from package-lock.json: its
 * dependencies, optional dependencies present on this platform and required peer dependencies
 * (npm 7+ installs those; optional peers it does not), followed through the tree the way Node
 * resolves them. Third-party packages count every file of their folder but their nested
 * node_modules (listed on their own); workspace packages count what `npm pack` would ship.
 */
export function installClosure(root: string, workspace: string): InstalledPackage[] {
  const lock = LockSchema.parse(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')));
  // The closure keeps a workspace's link in node_modules beside the workspace itself: counted once.
  const locations = [...productionClosure(lock, root, workspace)].filter(
    (location) => !lock.packages[location]?.link,
  );
  return locations
    .map((location) => {
      const named =
        lock.packages[location]?.name ?? location.slice(location.lastIndexOf('node_modules/') + 13);
      const pkg = { name: named, location, workspace: !location.includes('node_modules/'), bytes: 0 };
      return { ...pkg, bytes: packageBytes(root, pkg) };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

function packageBytes(root: string, pkg: InstalledPackage): number {
  const dir = join(root, pkg.location);
  if (!pkg.workspace) return treeBytes(dir);
  const manifest = z
    .object({ files: z.array(z.string()).optional() })
    .parse(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
  const shipped = new Set(['package.json', ...(manifest.files ?? []), 'README.md', 'LICENSE']);
  let bytes = 0;
  for (const path of shipped) if (existsSync(join(dir, path))) bytes += treeBytes(join(dir, path));
  return bytes;
}

function treeBytes(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  let bytes = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    bytes += treeBytes(join(path, name));
  }
  return bytes;
}
