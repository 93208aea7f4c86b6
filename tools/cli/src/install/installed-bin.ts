import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { formatManifestIssues, validateSkillManifest } from '@mmskills/core';
import { CliError } from '../commands/registry-client.js';

/** The installed package's skill bin: `mmskills-<key>`, or its only bin. */
export async function installedBin(skillsDir: string, npmPackage: string, key: string): Promise<string> {
  const dir = join(skillsDir, 'node_modules', npmPackage);
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bins = typeof manifest.bin === 'string' ? { [key]: manifest.bin } : (manifest.bin ?? {});
  const chosen =
    bins[`mmskills-${key}`] ?? (Object.keys(bins).length === 1 ? Object.values(bins)[0] : undefined);
  if (!chosen) throw new CliError(`${npmPackage} has no bin mmskills-${key} to run`);
  return join(dir, chosen);
}

/** Starts the installed bin with `--manifest`: the package must run and serve the skill it claims. */
export async function checkInstalledSkill(bin: string, expectedName: string): Promise<string[]> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, [bin, '--manifest'], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000,
    }));
  } catch (error) {
    const failure = error as Error & { stderr?: string };
    const last = (failure.stderr ?? failure.message).trim().split('\n').at(-1);
    throw new CliError(`the installed package does not start: ${last}`);
  }
  const checked = validateSkillManifest(JSON.parse(stdout));
  if (!checked.ok)
    throw new CliError(
      `the installed package's manifest is invalid:\n${formatManifestIssues(checked.issues)}`,
    );
  if (checked.value.server.name !== expectedName) {
    throw new CliError(`the installed package serves ${checked.value.server.name}, not ${expectedName}`);
  }
  return checked.value.tools.map((tool) => tool.name);
}

/** The npm package whose files hold `path`, when it lies in the skills folder's node_modules. */
export function packageOfPath(skillsDir: string, path: string): string | undefined {
  const inside = relative(join(skillsDir, 'node_modules'), path).split(sep);
  if (inside[0] === '..' || inside[0] === '' || inside.length < 2) return undefined;
  return inside[0]?.startsWith('@') ? `${inside[0]}/${inside[1]}` : inside[0];
}
