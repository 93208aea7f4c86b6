import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { validateSkillManifest } from '@mmskills/core';
import { photoPath, rejection, tsxArgs } from '@mmskills/core/testing';
import { connectStdio, readManifest } from '@mmskills/skill-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCommand } from '../src/commands/new.js';
import { CliError } from '../src/commands/registry-client.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// Inside the repository, so the generated package resolves @mmskills/core, zod and sharp from the
// root node_modules; outside skills/, so no workspace sees it.
const scratchRoot = join(repoRoot, '.tmp-new-skill-test');
// The longest name allowed, and a 100-character description with an apostrophe: the generated
// code must still be formatted as biome wants it.
const NAME = 'demo-colours-scaffold-check-with-long-nm';
const DESCRIPTION = `Counts an image's colours: size, mean and dominant colours, made by mmskills new in the CLI's test.`;
const FILES = [
  'README.md',
  'bin/mmskills-demo-colours-scaffold-check-with-long-nm.js',
  'bundle.mjs',
  'icons/describe-colors.svg',
  'package.json',
  'src/bin.ts',
  'src/icons.ts',
  'src/index.ts',
  'src/pipeline/color-summary.test.ts',
  'src/pipeline/color-summary.ts',
  'src/skill.ts',
  'src/tools/describe-colors.ts',
  'test/bin.test.ts',
  'test/describe-colors.test.ts',
  'test/errors.test.ts',
  'test/pictures.ts',
  'tsconfig.build.json',
  'tsconfig.json',
  'vitest.config.ts',
];

interface Ran {
  ok: boolean;
  output: string;
}

// Never rejects, so checks can start together and each test awaits its own.
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Ran> {
  return promisify(execFile)(command, args, { cwd, env, maxBuffer: 16 << 20 }).then(
    ({ stdout, stderr }) => ({ ok: true, output: `${stdout}${stderr}` }),
    (error: { stdout?: string; stderr?: string; message: string }) => ({
      ok: false,
      output: `${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    }),
  );
}

// The nested vitest must not think it is a worker of this one, nor write CI reports for the repo.
const nestedEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(VITEST|TEST$|CI$|GITHUB_ACTIONS$|FORCE_COLOR$)/.test(key),
    ),
  ),
  NO_COLOR: '1',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

async function refusal(argv: string[]): Promise<CliError> {
  const error = await rejection(newCommand(argv, () => {}));
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('mmskills new', () => {
  let scratch: string;
  let dir: string;
  const lines: string[] = [];
  let checks: Record<'typecheck' | 'tests' | 'lint' | 'build', Promise<Ran>>;

  beforeAll(async () => {
    mkdirSync(scratchRoot, { recursive: true });
    scratch = mkdtempSync(join(scratchRoot, 'run-'));
    dir = join(scratch, NAME);
    expect(
      await newCommand(
        [NAME, '--dir', scratch, '--description', DESCRIPTION, '--namespace', 'io.github.alice'],
        (line) => lines.push(line),
      ),
    ).toBe(0);
    const bin = (path: string) => join(repoRoot, 'node_modules', path);
    const node = process.execPath;
    checks = {
      typecheck: run(node, [bin('typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--noEmit'], dir),
      tests: run(node, [bin('vitest/vitest.mjs'), 'run', '--root', dir], dir, nestedEnv),
      lint: run(node, [bin('@biomejs/biome/bin/biome'), 'check', dir], repoRoot),
      build: run('npm', ['run', 'build'], dir),
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(Object.values(checks ?? {}));
    rmSync(scratch, { recursive: true, force: true });
    try {
      rmdirSync(scratchRoot);
    } catch {
      // Another run still has its folder there.
    }
  });

  it('writes the package: files, names, versions and configs like skills/image', () => {
    expect(lines[0]).toBe(
      `created ${relative(repoRoot, dir)}: @mmskills/skill-${NAME} (bin mmskills-${NAME}), ${FILES.length} files`,
    );
    expect(lines[1]).toBe(
      `  registry name io.github.alice/${NAME}: publish with a token for io.github.alice`,
    );
    expect(lines.at(-1)).toMatch(/is not among the root package.json workspaces/);
    expect(filesUnder(dir)).toEqual(FILES);
    for (const file of FILES) expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(/__[A-Z][A-Z_]*__/);

    const image = (file: string) => readFileSync(join(repoRoot, 'skills/image', file), 'utf8');
    const generated = (file: string) => readFileSync(join(dir, file), 'utf8');
    const imagePackage = JSON.parse(image('package.json'));
    const manifest = JSON.parse(generated('package.json'));
    expect(manifest).toMatchObject({
      name: `@mmskills/skill-${NAME}`,
      description: DESCRIPTION,
      bin: { [`mmskills-${NAME}`]: `./bin/mmskills-${NAME}.js` },
      exports: imagePackage.exports,
      files: imagePackage.files,
      scripts: {
        ...imagePackage.scripts,
        build: 'tsc -p tsconfig.build.json && node bundle.mjs && node dist/bin.js --manifest-out .',
      },
      // Published on its own, so everything but the native sharp is bundled into dist/.
      dependencies: { sharp: imagePackage.dependencies.sharp },
      devDependencies: {
        ...imagePackage.devDependencies,
        '@mmskills/core': imagePackage.dependencies['@mmskills/core'],
        zod: imagePackage.dependencies.zod,
      },
    });
    // One level deeper than skills/image, so one more `../` to the repository root.
    for (const config of ['tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts']) {
      expect(generated(config).replace('../../../', '../../')).toBe(image(config));
    }
    expect(generated('src/skill.ts')).toContain(`export const demoColoursScaffoldCheckWithLongNmSkill`);
    expect(generated('src/skill.ts')).toContain(`    "${DESCRIPTION}",`);
  });

  it('typechecks (tsc -p tsconfig.json --noEmit)', async () => {
    const ran = await checks.typecheck;
    expect(ran.ok, ran.output).toBe(true);
  }, 120_000);

  it('passes its own tests', async () => {
    const ran = await checks.tests;
    expect(ran.ok, ran.output).toBe(true);
    expect(ran.output).toMatch(/Test Files\s+4 passed \(4\)/);
  }, 120_000);

  it('is formatted and linted as biome wants', async () => {
    const ran = await checks.lint;
    expect(ran.ok, ran.output).toBe(true);
  }, 120_000);

  it('builds dist/ and a valid server.json and tools.json (npm run build)', async () => {
    const ran = await checks.build;
    expect(ran.ok, ran.output).toBe(true);
    const server = JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8'));
    const tools = JSON.parse(readFileSync(join(dir, 'tools.json'), 'utf8'));
    const checked = validateSkillManifest({ server, tools });
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(server).toMatchObject({ name: `io.github.alice/${NAME}`, description: DESCRIPTION });
  }, 120_000);

  it('its built bin serves from a folder where only sharp is installed (core, SDK and zod are bundled)', async () => {
    expect((await checks.build).ok).toBe(true);
    const alone = mkdtempSync(join(tmpdir(), 'mmskills-bundled-'));
    try {
      // What npm packs of it (its `files`) that the bin reads: the bundle and the icons.
      cpSync(join(dir, 'dist'), join(alone, 'dist'), { recursive: true });
      cpSync(join(dir, 'icons'), join(alone, 'icons'), { recursive: true });
      cpSync(join(dir, 'package.json'), join(alone, 'package.json'));
      mkdirSync(join(alone, 'node_modules'));
      symlinkSync(join(repoRoot, 'node_modules', 'sharp'), join(alone, 'node_modules', 'sharp'));
      const client = await connectStdio([join(alone, 'dist', 'bin.js')], { MMSKILLS_LOG_LEVEL: 'warn' });
      try {
        const result = await client.callTool({
          name: 'describe_colors',
          arguments: {
            image: `data:image/png;base64,${readFileSync(photoPath('coffee')).toString('base64')}`,
            count: 1,
          },
        });
        expect(result.isError).toBeFalsy();
        expect(result.structuredContent).toMatchObject({ width: 600, height: 400 });
      } finally {
        await client.close();
      }
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves from source: --manifest prints a valid manifest with describe_colors', async () => {
    const manifest = await readManifest(tsxArgs(join(dir, 'src/bin.ts')));
    const checked = validateSkillManifest(manifest);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(manifest.tools.map((tool) => tool.name)).toEqual(['describe_colors']);
    expect(manifest.server).toMatchObject({
      name: `io.github.alice/${NAME}`,
      packages: [{ identifier: `@mmskills/skill-${NAME}`, transport: { type: 'stdio' } }],
    });
  }, 60_000);

  it('fills in a title, an export name and the default description from the name alone', async () => {
    const other = join(scratch, 'defaults');
    expect(await newCommand(['colour-stats', '--dir', other], () => {})).toBe(0);
    const skill = readFileSync(join(other, 'colour-stats/src/skill.ts'), 'utf8');
    expect(skill).toContain('export const colourStatsSkill: SkillDefinition = defineSkill({');
    expect(skill).toContain("title: 'Colour stats',");
    expect(skill).toContain(
      "description: 'Describes an image’s colours: its size, mean colour and dominant colours.',",
    );
    expect(readFileSync(join(other, 'colour-stats/tsconfig.json'), 'utf8')).toContain(
      '"extends": "../../../../tsconfig.base.json"',
    );
  });

  it.each([
    ['Upper', /kebab-case/],
    ['snake_case', /kebab-case/],
    ['-leading', /kebab-case/],
    ['trailing-', /kebab-case/],
    ['double--hyphen', /kebab-case/],
    ['9lives', /kebab-case/],
    ['x'.repeat(41), /at most 40 characters/],
  ])('refuses the name %j with a usage error', async (name, message) => {
    const error = await refusal([name, '--dir', scratch]);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('Usage: mmskills new <name>');
    expect(existsSync(join(scratch, name))).toBe(false);
  });

  it('refuses a missing name, two names, an unknown flag and a bad description with usage errors', async () => {
    for (const [argv, message] of [
      [[], /new needs a skill name/],
      [['one', 'two'], /new takes one name, not 2/],
      [['ok-name', '--force'], /Unknown option '--force'/],
      [
        ['ok-name', '--description', 'x'.repeat(101)],
        /--description must be one line of 1 to 100 characters/,
      ],
      [['ok-name', '--description', 'two\nlines'], /--description must be one line/],
    ] as const) {
      const error = await refusal([...argv, '--dir', scratch]);
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(message);
    }
    expect(existsSync(join(scratch, 'ok-name'))).toBe(false);
  });

  it('refuses a folder that exists, and leaves it as it was', async () => {
    const before = readFileSync(join(dir, 'package.json'), 'utf8');
    const error = await refusal([NAME, '--dir', scratch]);
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(`${dir} already exists; pick another name or --dir`);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(before);
  });

  it('refuses a folder outside the mmskills repository and writes nothing', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mmskills-new-'));
    try {
      const error = await refusal(['lonely', '--dir', outside]);
      expect(error.exitCode).toBe(1);
      expect(error.message).toMatch(/is not inside the mmskills repository/);
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
