import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { CliError } from '../commands/registry-client.js';
import { npmInPrefix, npmOutput } from './npm.js';

/** A skill package on this machine: a package folder, or the tarball `npm pack` made of one. */
export interface LocalPackage {
  kind: 'folder' | 'tarball';
  path: string;
}

/**
 * `spec` as a local package when it reads as a path: `./x`, `../x`, `/x`, `~/x`, a backslash, a
 * .tgz ending, or a slash with a folder or file there. A bare name is always a registry name, as
 * with npm, so a folder that happens to share it is not picked up by surprise.
 */
export function localPackage(spec: string): LocalPackage | undefined {
  const pathLike = /^(\.{1,2}[\\/]|[\\/~])|\\|\.t(ar\.)?gz$/.test(spec);
  const path = resolve(spec.replace(/^~(?=[\\/])/, homedir()));
  if (!existsSync(path)) {
    if (pathLike) throw new CliError(`${spec}: no such folder or file`, 2);
    return undefined;
  }
  if (!pathLike && !spec.includes('/')) return undefined;
  if (statSync(path).isDirectory()) return { kind: 'folder', path };
  if (/\.t(ar\.)?gz$/.test(path)) return { kind: 'tarball', path };
  throw new CliError(`${spec} is neither a package folder nor an npm pack tarball (.tgz)`, 2);
}

/**
 * Puts the package's tarball in `<skillsDir>/packages/` (packing a folder first, as `npm publish`
 * would) and installs it from there, so the skills folder keeps a copy its lock file can point at.
 * Resolves with the installed npm package's name.
 */
export async function installLocalPackage(skillsDir: string, local: LocalPackage): Promise<string> {
  const packages = join(skillsDir, 'packages');
  await mkdir(packages, { recursive: true });
  let tarball: string;
  if (local.kind === 'folder') {
    if (!existsSync(join(local.path, 'package.json')))
      throw new CliError(`${local.path} has no package.json: it is not an npm package folder`, 2);
    const packed = JSON.parse(
      await npmOutput(['pack', local.path, '--json', '--pack-destination', packages]),
    ) as Array<{ filename: string }>;
    tarball = join(packages, basename(packed[0]?.filename ?? ''));
  } else {
    tarball = join(packages, basename(local.path));
    if (tarball !== local.path) await copyFile(local.path, tarball);
  }
  await npmInPrefix(skillsDir, ['install', '--save-exact', tarball]);
  const manifest = JSON.parse(await readFile(join(skillsDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const name = Object.entries(manifest.dependencies ?? {}).find(([, spec]) =>
    spec.endsWith(`packages/${basename(tarball)}`),
  )?.[0];
  if (!name) throw new CliError(`npm installed ${tarball} but ${skillsDir}/package.json does not list it`);
  return name;
}
