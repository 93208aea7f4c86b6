import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SkillGeneratorError, writeSkill } from '@mmskills/nx';
import { parseCommandArgs } from './parse-options.js';
import { CliError } from './registry-client.js';

export const NEW_USAGE = `Usage: mmskills new <name> [--namespace io.github.you] [--dir skills] [--description "..."]

Scaffolds <dir>/<name>: the package @mmskills/skill-<name>, bin mmskills-<name>, with one working
tool (describe_colors), its tests, README and a bundled build, ready to replace with your own tools.
<name> is kebab-case, e.g. colour-stats. Its registry name is <namespace>/<name>: --namespace is
the reverse-DNS namespace your publisher token owns (default io.github.mmskills). --dir defaults to the repository's skills/. Run it inside
the mmskills repository: the package builds against its tsconfig.base.json and @mmskills/core.
The same generator runs as \`nx g @mmskills/nx:skill <name>\`.
`;

function usageError(message: string): CliError {
  return new CliError(`${message}\n${NEW_USAGE}`, 2);
}

const parse = (argv: string[]) =>
  parseCommandArgs(
    argv,
    { dir: { type: 'string' }, description: { type: 'string' }, namespace: { type: 'string' } },
    NEW_USAGE,
  );

const posix = (path: string) => path.split(sep).join('/');

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  return JSON.parse(await readFile(path, 'utf8').catch(() => 'null')) ?? undefined;
}

// The nearest folder above `dir` that is the mmskills repository; the generator checks it again.
async function findRepository(dir: string): Promise<string> {
  for (let at = dir; ; at = dirname(at)) {
    const marked =
      existsSync(join(at, 'tsconfig.base.json')) && existsSync(join(at, 'vitest.config.base.ts'));
    if (marked && (await readJson(join(at, 'core', 'package.json')))?.name === '@mmskills/core') return at;
    if (dirname(at) === at) {
      throw new CliError(
        `${dir} is not inside the mmskills repository (no tsconfig.base.json with core/ above it); ` +
          'run mmskills new in a checkout of it',
      );
    }
  }
}

/** `mmskills new`: runs the `@mmskills/nx:skill` generator on the repository on disk. */
export async function newCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length > 1) throw usageError(`new takes one name, not ${positionals.length}`);
  const [name] = positionals;
  if (!name) throw usageError('new needs a skill name');
  const root = await findRepository(values.dir === undefined ? process.cwd() : resolve(values.dir));
  const directory = values.dir === undefined ? 'skills' : posix(relative(root, resolve(values.dir))) || '.';
  const options = { name, directory, description: values.description, namespace: values.namespace };
  const generated = await writeSkill(root, options).catch((error: unknown) => {
    if (!(error instanceof SkillGeneratorError)) throw error;
    if (error.code === 'invalid-option') throw usageError(error.message);
    throw new CliError(
      error.code === 'exists'
        ? `${join(root, directory, name)} already exists; pick another name or --dir`
        : error.message,
    );
  });
  const { packageDir, files, registryName } = generated;
  const workspaces = ((await readJson(join(root, 'package.json')))?.workspaces ?? []) as string[];
  const isWorkspace = workspaces.some((glob) => glob === packageDir || glob === `${dirname(packageDir)}/*`);
  out(`created ${packageDir}: @mmskills/skill-${name} (bin mmskills-${name}), ${files.length} files`);
  out(`  registry name ${registryName}: publish with a token for ${registryName.split('/')[0]}`);
  out('  its one tool, describe_colors (src/tools/describe-colors.ts), is there to be replaced by yours');
  out('next, at the repository root:');
  if (isWorkspace) out('  npm install                  links the new workspace package');
  out(`  (cd ${packageDir} && npx vitest run)`);
  if (isWorkspace) out(`  npm run build -w ${packageDir}`);
  else out(`  note: ${packageDir} is not among the root package.json workspaces, so npm and nx skip it`);
  return 0;
}
