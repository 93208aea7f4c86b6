import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('nx g @mmskills/nx:skill from the repository root', () => {
  beforeAll(async () => {
    // nx loads a workspace plugin's generator from its built dist/ (generators.json), so build it first.
    await run('npm', ['run', 'build'], { cwd: packageDir });
  }, 120_000);

  it('plans the package that mmskills new writes (--dry-run)', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'node_modules/nx/bin/nx.js',
        'g',
        '@mmskills/nx:skill',
        'dry-run-probe',
        '--description',
        'Made by the nx plugin test, never written.',
        '--dry-run',
        '--no-interactive',
      ],
      { cwd: repoRoot, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
    );
    const created = [...stdout.matchAll(/^CREATE (\S+)/gm)].map((match) => match[1]);
    expect(created).toContain('skills/dry-run-probe/package.json');
    expect(created).toContain('skills/dry-run-probe/src/tools/describe-colors.ts');
    expect(created).toHaveLength(16);
    expect(existsSync(`${repoRoot}skills/dry-run-probe`)).toBe(false);
  }, 120_000);

  it('refuses a bad name with the generator’s message', async () => {
    const failed = await run(
      process.execPath,
      ['node_modules/nx/bin/nx.js', 'g', '@mmskills/nx:skill', 'Bad_Name', '--no-interactive', '--dry-run'],
      {
        cwd: repoRoot,
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      },
    ).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => `${error.stdout}${error.stderr}`,
    );
    expect(failed).toMatch(/'Bad_Name' should match the pattern/);
  }, 120_000);
});
