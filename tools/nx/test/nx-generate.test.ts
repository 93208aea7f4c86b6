import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// Its own workspace data, and none of the NX_* variables of an nx that may be running this test.
const nxEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^NX_/.test(key))),
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_WORKSPACE_DATA_DIRECTORY: mkdtempSync(join(tmpdir(), 'nx-generate-')),
  // nx colours its output when CI is set, whatever the terminal; plain text is what is matched.
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};
const plain = stripVTControlCharacters;

describe('nx g @mmskills/nx:skill from the repository root', () => {
  beforeAll(async () => {
    // nx loads a workspace plugin's generator from its built dist/ (generators.json), so build it first.
    await run('npm', ['run', 'build'], { cwd: packageDir });
  }, 120_000);
  afterAll(() => rmSync(nxEnv.NX_WORKSPACE_DATA_DIRECTORY, { recursive: true, force: true }));

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
      { cwd: repoRoot, env: nxEnv },
    );
    const created = [...plain(stdout).matchAll(/^CREATE (\S+)/gm)].map((match) => match[1]);
    expect(created).toContain('skills/dry-run-probe/package.json');
    expect(created).toContain('skills/dry-run-probe/src/tools/describe-colors.ts');
    expect(created).toContain('skills/dry-run-probe/bin/mmskills-dry-run-probe.js');
    expect(created).toContain('skills/dry-run-probe/icons/describe-colors.svg');
    expect(created).toHaveLength(19);
    expect(existsSync(`${repoRoot}skills/dry-run-probe`)).toBe(false);
  }, 120_000);

  it('refuses a bad name with the generator’s message', async () => {
    const failed = await run(
      process.execPath,
      ['node_modules/nx/bin/nx.js', 'g', '@mmskills/nx:skill', 'Bad_Name', '--no-interactive', '--dry-run'],
      {
        cwd: repoRoot,
        env: nxEnv,
      },
    ).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => plain(`${error.stdout}${error.stderr}`),
    );
    expect(failed).toMatch(/'Bad_Name' should match the pattern/);
  }, 120_000);
});
