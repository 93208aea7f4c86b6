import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HostConfigSchema } from '@mmskills/host';
import { CliError } from '../commands/registry-client.js';

export { type InstallPlaces, installPlaces } from './install-places.js';

/**
 * The config file as JSON, checked against the host's schema so that a broken file is reported
 * before anything changes. Keys the CLI does not touch are kept as they are.
 */
export async function readHostConfigFile(path: string): Promise<Record<string, unknown>> {
  if (!existsSync(path)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${path} is not valid JSON (${(error as Error).message}); fix it first`);
  }
  const checked = HostConfigSchema.safeParse(raw);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `/${issue.path.join('/')}: ${issue.message}`);
    throw new CliError(`${path} is not a valid host config (${problems.join('; ')}); fix it first`);
  }
  return raw as Record<string, unknown>;
}

/** Writes the whole file at once (a temporary file renamed over it): a watching host never reads half. */
export async function writeHostConfigFile(path: string, config: Record<string, unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const next = `${path}.${process.pid}.tmp`;
  await writeFile(next, `${JSON.stringify(config, null, 2)}\n`);
  await rename(next, path);
}
