import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { formatManifestIssues, validateSkillManifest } from '@mmskills/core';
import { CliError, errorText, registryJson, registryUrl } from './registry-client.js';

export const PUBLISH_USAGE =
  'Usage: mmskills publish [dir] [--registry URL] [--token T] [--dry-run]\n  (token also from MMSKILLS_REGISTRY_TOKEN)\n';

/**
 * `mmskills publish`: builds the skill package, starts it with `--manifest` to read its
 * server.json and tool list, validates them, and publishes them. The registry never runs it.
 */
export async function publishCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      registry: { type: 'string' },
      token: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const dir = resolve(positionals[0] ?? '.');
  if (!existsSync(join(dir, 'package.json')))
    throw new CliError(`${dir} has no package.json: run publish inside a skill package`, 2);
  const run = promisify(execFile);
  await run('npm', ['run', 'build', '--if-present'], { cwd: dir }).catch(
    (error: Error & { stderr?: string }) => {
      throw new CliError(`the build failed:\n${error.stderr ?? error.message}`);
    },
  );
  const bin = join(dir, 'dist', 'bin.js');
  if (!existsSync(bin))
    throw new CliError(`${bin} is missing: a skill package builds its bin to dist/bin.js`);
  const { stdout } = await run(process.execPath, [bin, '--manifest'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const checked = validateSkillManifest(JSON.parse(stdout));
  if (!checked.ok) throw new CliError(`the manifest is invalid:\n${formatManifestIssues(checked.issues)}`);
  const { server, tools } = checked.value;
  out(
    `${server.name}@${server.version}: ${tools.length} tools (${tools.map((tool) => tool.name).join(', ')})`,
  );
  if (values['dry-run']) {
    out('dry run: valid, not published');
    return 0;
  }
  const token = values.token ?? process.env.MMSKILLS_REGISTRY_TOKEN;
  if (!token)
    throw new CliError(
      'publish needs a token: --token or MMSKILLS_REGISTRY_TOKEN (ask the registry operator)',
      2,
    );
  const base = registryUrl(values.registry);
  const { status, body } = await registryJson(base, '/v0/publish', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ server, tools }),
  });
  if (status !== 201) throw new CliError(`the registry refused (${status}): ${errorText(body)}`);
  out(`published ${server.name}@${server.version} to ${base}`);
  return 0;
}
