import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { LockSchema, optionalPeerWorkspaces, productionClosure, pruneInstall } from './production-closure.js';

const RootManifestSchema = z.object({ workspaces: z.array(z.string()).min(1) });
const PackageManifestSchema = z.object({ name: z.string() });
const PackListSchema = z.array(
  z.object({ name: z.string(), files: z.array(z.object({ path: z.string() })) }),
);

/** The root's `workspaces`, with `dir/*` patterns expanded to the folders that hold a package.json. */
export function workspaceDirs(root: string): string[] {
  const { workspaces } = RootManifestSchema.parse(
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')),
  );
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return existsSync(join(root, pattern, 'package.json')) ? [pattern] : [];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(root, parent))
      .filter((name) => existsSync(join(root, parent, name, 'package.json')))
      .map((name) => `${parent}/${name}`);
  });
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  }
  return result.stdout;
}

/** The workspaces npm linked into `out/node_modules/@mmskills`: the production closure's own packages. */
function linkedWorkspaces(out: string): string[] {
  const scope = join(out, 'node_modules', '@mmskills');
  if (!existsSync(scope)) return [];
  return readdirSync(scope)
    .map((name) => join(scope, name))
    .filter((path) => lstatSync(path).isSymbolicLink())
    .map((path) => relative(out, resolve(dirname(path), readlinkSync(path))));
}

export interface AssembledService {
  /** Workspace folders kept in `out`, the target's among them. */
  workspaces: string[];
  /** Lock locations npm installed that the workspace never loads (optional peers), removed. */
  pruned: string[];
}

/**
 * What an image's build stage leaves for its runtime stage: in `out`, the production install of one
 * workspace (`npm ci --omit=dev --workspace`, from the repository's own lock, less the optional
 * peers npm adds) and, of each workspace it links, the files `npm pack` would publish, taken from
 * the built tree at `root`; a workspace that is an optional peer keeps only its manifests.
 * @see ../README.md#images
 */
export function assembleService(
  root: string,
  workspace: string,
  out: string,
  env: NodeJS.ProcessEnv = process.env,
): AssembledService {
  const all = workspaceDirs(root);
  if (!all.includes(workspace))
    throw new Error(`${workspace} is not one of the workspaces: ${all.join(', ')}`);
  rmSync(out, { recursive: true, force: true });
  // npm ci wants the lock and every workspace it names, or it calls them out of sync.
  for (const file of ['package.json', 'package-lock.json', ...all.map((dir) => `${dir}/package.json`)]) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    cpSync(join(root, file), join(out, file));
  }
  const installEnv = { ...env, ONNXRUNTIME_NODE_INSTALL: 'skip' };
  run(
    'npm',
    [
      'ci',
      '--omit=dev',
      '--workspace',
      workspace,
      '--include-workspace-root=false',
      '--no-audit',
      '--no-fund',
    ],
    out,
    installEnv,
  );
  const lock = LockSchema.parse(JSON.parse(readFileSync(join(out, 'package-lock.json'), 'utf8')));
  // Optional peers that are workspaces stay as their manifests only: linked, without their code.
  const manifestsOnly = optionalPeerWorkspaces(lock, workspace);
  const keep = new Set([...productionClosure(lock, out, workspace), ...manifestsOnly.keys()]);
  const pruned = pruneInstall(lock, out, keep);
  const kept = [...new Set([workspace, ...linkedWorkspaces(out)])].sort();
  const manifestDirs = new Set(manifestsOnly.values());
  for (const dir of all) {
    if (kept.includes(dir)) continue;
    rmSync(join(out, dir), { recursive: true, force: true });
    const parent = dirname(join(out, dir));
    if (parent !== out && readdirSync(parent).length === 0) rmSync(parent, { recursive: true });
  }

  for (const dir of manifestDirs) {
    for (const file of ['server.json', 'tools.json']) {
      if (existsSync(join(root, dir, file))) cpSync(join(root, dir, file), join(out, dir, file));
    }
  }
  const packable = kept.filter((dir) => !manifestDirs.has(dir));
  const names = new Map(
    packable.map((dir) => [
      PackageManifestSchema.parse(JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))).name,
      dir,
    ]),
  );
  const packed = PackListSchema.parse(
    JSON.parse(
      run(
        'npm',
        [
          'pack',
          '--dry-run',
          '--json',
          '--ignore-scripts',
          ...packable.flatMap((dir) => ['--workspace', dir]),
        ],
        root,
        installEnv,
      ),
    ),
  );
  for (const entry of packed) {
    const dir = names.get(entry.name);
    if (dir === undefined) throw new Error(`npm pack listed ${entry.name}, which is not in the closure`);
    for (const { path } of entry.files) {
      mkdirSync(dirname(join(out, dir, path)), { recursive: true });
      cpSync(join(root, dir, path), join(out, dir, path));
    }
  }
  return { workspaces: kept, pruned };
}
