import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const LockEntrySchema = z.looseObject({
  name: z.string().optional(),
  link: z.boolean().optional(),
  resolved: z.string().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  optionalDependencies: z.record(z.string(), z.string()).optional(),
  peerDependencies: z.record(z.string(), z.string()).optional(),
  peerDependenciesMeta: z.record(z.string(), z.object({ optional: z.boolean().optional() })).optional(),
});
const LockSchema = z.object({ packages: z.record(z.string(), LockEntrySchema) });
type LockEntry = z.infer<typeof LockEntrySchema>;

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
  const lock = LockSchema.parse(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))).packages;
  const entry = (location: string): LockEntry => {
    const found = lock[location];
    if (!found) throw new Error(`package-lock.json has no entry ${location}`);
    return found;
  };
  const resolve = (from: string, name: string): string | undefined => {
    let dir = from;
    for (;;) {
      const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      const found = lock[key];
      if (found) return found.link && found.resolved !== undefined ? found.resolved : key;
      if (!dir) return undefined;
      const parent = dir.lastIndexOf('/node_modules/');
      dir = parent >= 0 ? dir.slice(0, parent) : '';
    }
  };
  const seen = new Map<string, InstalledPackage>();
  const visit = (location: string, name: string): void => {
    if (seen.has(location)) return;
    const isWorkspace = !location.includes('node_modules/');
    seen.set(location, { name, location, workspace: isWorkspace, bytes: 0 });
    const pkg = entry(location);
    const optionalPeers = pkg.peerDependenciesMeta ?? {};
    const wanted = [
      ...Object.keys(pkg.dependencies ?? {}).map((dep) => [dep, true] as const),
      ...Object.keys(pkg.optionalDependencies ?? {}).map((dep) => [dep, false] as const),
      ...Object.keys(pkg.peerDependencies ?? {})
        .filter((dep) => !optionalPeers[dep]?.optional)
        .map((dep) => [dep, true] as const),
    ];
    for (const [dep, required] of wanted) {
      const at = resolve(location, dep);
      // Optional dependencies for other platforms are in the lock but were never unpacked here.
      if (at === undefined || !existsSync(join(root, at))) {
        if (required) throw new Error(`${name} needs ${dep}, which is not installed`);
        continue;
      }
      visit(at, dep);
    }
  };
  visit(workspace, entry(workspace).name ?? workspace);
  for (const pkg of seen.values()) pkg.bytes = packageBytes(root, pkg);
  return [...seen.values()].sort((a, b) => b.bytes - a.bytes);
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
