import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateFiles, joinPathFragments, offsetFromRoot, readJson, type Tree } from '@nx/devkit';
import { SkillGeneratorError } from './errors.js';
import { descriptionProperty, normalizeOptions, type SkillOptions } from './options.js';

// Outside src/, so the source and the built dist/ find the same templates at the same depth.
const TEMPLATES = fileURLToPath(new URL('../../../templates/skill/', import.meta.url));
const OWN_PACKAGE = new URL('../../../package.json', import.meta.url);

interface CorePackage {
  name?: string;
  version: string;
  dependencies?: Record<string, string>;
}

/** What the generator made: the package folder, relative to the workspace root, and its files. */
export interface GeneratedSkill {
  packageDir: string;
  files: string[];
  /** `<namespace>/<name>`, the server name it publishes under. */
  registryName: string;
}

// The generated configs extend the checkout's tsconfig.base.json and vitest.config.base.ts, and
// pin the versions core/package.json pins.
function readCore(tree: Tree): CorePackage {
  const core =
    tree.exists('tsconfig.base.json') &&
    tree.exists('vitest.config.base.ts') &&
    tree.exists('core/package.json') &&
    tree.exists('skill-kit/package.json')
      ? readJson<CorePackage>(tree, 'core/package.json')
      : undefined;
  if (core?.name !== '@mmskills/core') {
    throw new SkillGeneratorError(
      'not-in-repository',
      `${tree.root} is not the mmskills repository (no tsconfig.base.json with core/ in it); ` +
        'generate skills in a checkout of it',
    );
  }
  return core;
}

function pinned(core: CorePackage, dependency: string): string {
  const version = core.dependencies?.[dependency];
  if (!version)
    throw new SkillGeneratorError('not-in-repository', `${core.name} does not depend on ${dependency}`);
  return version;
}

/**
 * Writes `<directory>/<name>` into the tree: a skill package with one working tool
 * (describe_colors), its tests, README and a bundled build. `mmskills new` runs this.
 * @see ../../../README.md
 */
export function generateSkill(tree: Tree, options: SkillOptions): GeneratedSkill {
  const { name, directory, description, namespace } = normalizeOptions(options);
  const packageDir = joinPathFragments(directory, name);
  if (packageDir.startsWith('..') || packageDir.startsWith('/')) {
    throw new SkillGeneratorError('invalid-option', `${directory} is outside the workspace ${tree.root}`);
  }
  if (tree.exists(packageDir)) {
    throw new SkillGeneratorError('exists', `${packageDir} already exists; pick another name or directory`);
  }
  const core = readCore(tree);
  // sharp and the MCP SDK are pinned where the skill kit depends on them (issue 22 took them out of core).
  const kit = readJson<CorePackage>(tree, 'skill-kit/package.json');
  const own = JSON.parse(readFileSync(OWN_PACKAGE, 'utf8')) as { dependencies: Record<string, string> };
  const before = new Set(tree.listChanges().map((change) => change.path));
  generateFiles(tree, TEMPLATES, packageDir, {
    name,
    namespace,
    camel: name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()),
    title: `${name[0]?.toUpperCase()}${name.slice(1).replaceAll('-', ' ')}`,
    description,
    descriptionJson: JSON.stringify(description),
    descriptionProperty: descriptionProperty(description),
    root: offsetFromRoot(packageDir).replace(/\/$/, ''),
    packageDir,
    coreVersion: core.version,
    zodVersion: pinned(core, 'zod'),
    sharpVersion: pinned(kit, 'sharp'),
    sdkVersion: pinned(kit, '@modelcontextprotocol/sdk'),
    esbuildVersion: own.dependencies.esbuild,
  });
  const files = tree
    .listChanges()
    .map((change) => change.path)
    .filter((path) => !before.has(path) && path.startsWith(`${packageDir}/`))
    .map((path) => path.slice(packageDir.length + 1))
    .sort();
  return { packageDir, files, registryName: `${namespace}/${name}` };
}

/** `nx g @mmskills/nx:skill <name>`: the nx entry of {@link generateSkill}. */
export async function skillGenerator(tree: Tree, options: SkillOptions): Promise<void> {
  generateSkill(tree, options);
}

export default skillGenerator;
