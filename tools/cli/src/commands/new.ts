import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CliError } from './registry-client.js';

export const NEW_USAGE = `Usage: mmskills new <name> [--dir skills] [--description "..."]

Scaffolds <dir>/<name>: the package @mmskills/skill-<name>, bin mmskills-<name>, with one working
tool (describe_colors), its tests, README and build, ready to replace with your own tools.
<name> is kebab-case, e.g. colour-stats. --dir defaults to the repository's skills/. Run it inside
the mmskills repository: the package builds against its tsconfig.base.json and @mmskills/core.
`;

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME = 40;
const DEFAULT_DESCRIPTION = 'Describes an image’s colours: its size, mean colour and dominant colours.';
const TEMPLATES = fileURLToPath(new URL('../../templates/skill/', import.meta.url));
const PLACEHOLDER = /__[A-Z][A-Z_]*__/g;

function usageError(message: string): CliError {
  return new CliError(`${message}\n${NEW_USAGE}`, 2);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { dir: { type: 'string' }, description: { type: 'string' } },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

const alreadyThere = (target: string) => new CliError(`${target} already exists; pick another name or --dir`);

function checkName(name: string | undefined): string {
  if (!name) throw usageError('new needs a skill name');
  if (!NAME.test(name) || name.length > MAX_NAME) {
    throw usageError(
      `"${name}" is not a skill name: use kebab-case (lower-case letters and digits, words joined by ` +
        `single hyphens, starting with a letter), at most ${MAX_NAME} characters, e.g. colour-stats`,
    );
  }
  return name;
}

function checkDescription(description: string): string {
  const trimmed = description.trim();
  if (trimmed === '' || trimmed.length > 100 || /\p{Cc}/u.test(trimmed)) {
    throw usageError('--description must be one line of 1 to 100 characters (it becomes server.json’s)');
  }
  return trimmed;
}

// skill.ts must come out as biome formats it: single quotes unless that needs more escapes, and the
// value on a line of its own when `  description: …,` does not fit in 110 columns.
function descriptionProperty(text: string): string {
  const quote = (text.match(/'/g)?.length ?? 0) > (text.match(/"/g)?.length ?? 0) ? '"' : "'";
  const literal = `${quote}${text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
  return `  description: ${literal},`.length > 110
    ? `description:\n    ${literal}`
    : `description: ${literal}`;
}

const posix = (path: string) => path.split(sep).join('/');

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  return JSON.parse(await readFile(path, 'utf8').catch(() => 'null')) ?? undefined;
}

// The generated configs extend the checkout's tsconfig.base.json and vitest.config.base.ts, and
// pin the versions core/package.json pins.
async function findRepository(dir: string) {
  for (let at = dir; ; at = dirname(at)) {
    const core =
      existsSync(join(at, 'tsconfig.base.json')) && existsSync(join(at, 'vitest.config.base.ts'))
        ? await readJson(join(at, 'core', 'package.json'))
        : undefined;
    if (core?.name === '@mmskills/core') {
      return { root: at, core: core as { version: string; dependencies: Record<string, string> } };
    }
    if (dirname(at) === at) {
      throw new CliError(
        `${dir} is not inside the mmskills repository (no tsconfig.base.json with core/ above it); ` +
          'run mmskills new in a checkout of it',
      );
    }
  }
}

async function renderTemplates(values: Record<string, string>): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(TEMPLATES, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((item) => item.isFile() && item.name.endsWith('.tmpl'))) {
    const source = join(entry.parentPath, entry.name);
    const text = (await readFile(source, 'utf8')).replace(PLACEHOLDER, (token) => {
      const value = values[token];
      if (value === undefined) throw new CliError(`template ${source} uses an unknown placeholder ${token}`);
      return value;
    });
    files.set(posix(relative(TEMPLATES, source)).replace(/\.tmpl$/, ''), text);
  }
  return files;
}

/** `mmskills new`: scaffolds a skill package from tools/cli/templates/skill that builds, tests and serves. */
export async function newCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length > 1) throw usageError(`new takes one name, not ${positionals.length}`);
  const name = checkName(positionals[0]);
  const description = checkDescription(values.description ?? DEFAULT_DESCRIPTION);
  const dir =
    values.dir === undefined
      ? join((await findRepository(process.cwd())).root, 'skills')
      : resolve(values.dir);
  const target = join(dir, name);
  if (existsSync(target)) throw alreadyThere(target);
  const { root, core } = await findRepository(dir);
  const packageDir = posix(relative(root, target));
  const version = (dependency: string) => {
    const pinned = core.dependencies?.[dependency];
    if (!pinned) throw new CliError(`core/package.json does not depend on ${dependency}`);
    return pinned;
  };
  const files = await renderTemplates({
    __NAME__: name,
    __CAMEL__: name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()),
    __TITLE__: `${name[0]?.toUpperCase()}${name.slice(1).replaceAll('-', ' ')}`,
    __DESCRIPTION__: description,
    __DESCRIPTION_JSON__: JSON.stringify(description),
    __DESCRIPTION_PROPERTY__: descriptionProperty(description),
    __ROOT__: posix(relative(target, root)),
    __PACKAGE_DIR__: packageDir,
    __CORE_VERSION__: core.version,
    __ZOD_VERSION__: version('zod'),
    __SHARP_VERSION__: version('sharp'),
    __SDK_VERSION__: version('@modelcontextprotocol/sdk'),
  });

  await mkdir(dirname(target), { recursive: true });
  await mkdir(target).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EEXIST' ? alreadyThere(target) : error;
  });
  try {
    for (const [path, text] of files) {
      await mkdir(dirname(join(target, path)), { recursive: true });
      await writeFile(join(target, path), text);
    }
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw error;
  }

  const workspaces = ((await readJson(join(root, 'package.json')))?.workspaces ?? []) as string[];
  const isWorkspace = workspaces.some((glob) => glob === packageDir || glob === `${dirname(packageDir)}/*`);
  out(`created ${packageDir}: @mmskills/skill-${name} (bin mmskills-${name}), ${files.size} files`);
  out('  its one tool, describe_colors (src/tools/describe-colors.ts), is there to be replaced by yours');
  out('next, at the repository root:');
  if (isWorkspace) out('  npm install                  links the new workspace package');
  out(`  (cd ${packageDir} && npx vitest run)`);
  if (isWorkspace) out(`  npm run build -w ${packageDir}`);
  else out(`  note: ${packageDir} is not among the root package.json workspaces, so npm and nx skip it`);
  return 0;
}
