import { existsSync, lstatSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
export const LockSchema = z.object({ packages: z.record(z.string(), LockEntrySchema) });
export type Lock = z.infer<typeof LockSchema>;

/**
 * The lock locations a workspace needs at run time: its dependencies, optional dependencies
 * installed on this platform and required peers, followed the way Node resolves them. Optional
 * peers are not followed: `npm ci --omit=dev --workspace` still installs them when the root's
 * devDependencies hold them (vitest, the peer of core's testing entry, is flagged devOptional).
 */
export function productionClosure(lock: Lock, dir: string, workspace: string): Set<string> {
  const { packages } = lock;
  const seen = new Set<string>();
  const locate = (from: string, name: string): string | undefined => {
    let at = from;
    for (;;) {
      const key = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
      const found = packages[key];
      if (found?.link && found.resolved !== undefined) {
        // A workspace's link in node_modules is kept with the workspace it points to.
        seen.add(key);
        return found.resolved;
      }
      if (found) return key;
      if (!at) return undefined;
      const parent = at.lastIndexOf('/node_modules/');
      at = parent >= 0 ? at.slice(0, parent) : '';
    }
  };
  const visit = (location: string): void => {
    if (seen.has(location)) return;
    seen.add(location);
    const entry = packages[location] ?? {};
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers[name]?.optional),
    ];
    for (const name of wanted) {
      const at = locate(location, name);
      // Optional dependencies for other platforms are in the lock but were never unpacked.
      if (at !== undefined && existsSync(join(dir, at))) visit(at);
    }
  };
  visit(workspace);
  return seen;
}

/**
 * The workspaces a workspace names as optional peers (the registry: the built-in skills, whose
 * `server.json` and `tools.json` it publishes at first start), by their link in node_modules.
 */
export function optionalPeerWorkspaces(lock: Lock, workspace: string): Map<string, string> {
  const entry = lock.packages[workspace] ?? {};
  const found = new Map<string, string>();
  for (const [name, meta] of Object.entries(entry.peerDependenciesMeta ?? {})) {
    const link = lock.packages[`node_modules/${name}`];
    if (meta.optional && link?.link && link.resolved !== undefined)
      found.set(`node_modules/${name}`, link.resolved);
  }
  return found;
}

/** Removes what the install put in `dir` beyond `keep`, and the bin links left pointing nowhere. */
export function pruneInstall(lock: Lock, dir: string, keep: Set<string>): string[] {
  const removed: string[] = [];
  // Deepest first, so a nested folder goes before the package that holds it.
  const locations = Object.keys(lock.packages)
    .filter((location) => location.includes('node_modules/'))
    .sort((a, b) => b.length - a.length);
  for (const location of locations) {
    if (keep.has(location) || !existsSync(join(dir, location))) continue;
    rmSync(join(dir, location), { recursive: true, force: true });
    removed.push(location);
  }
  const top = join(dir, 'node_modules');
  for (const name of existsSync(top) ? readdirSync(top) : []) {
    const path = join(top, name);
    if (name.startsWith('@') && readdirSync(path).length === 0) rmSync(path, { recursive: true });
  }
  const bin = join(top, '.bin');
  for (const name of existsSync(bin) ? readdirSync(bin) : []) {
    const link = join(bin, name);
    if (lstatSync(link).isSymbolicLink() && !existsSync(resolve(dirname(link), readlinkSync(link))))
      rmSync(link);
  }
  return removed;
}
