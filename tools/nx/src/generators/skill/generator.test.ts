import { readFileSync } from 'node:fs';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { SkillGeneratorError } from './errors.js';
import { generateSkill, skillGenerator } from './generator.js';

const repo = new URL('../../../../../', import.meta.url);
const fromRepo = (path: string) => readFileSync(new URL(path, repo), 'utf8');
const core = JSON.parse(fromRepo('core/package.json'));
const kit = JSON.parse(fromRepo('skill-kit/package.json'));
const filesOf = (name: string) => [
  'README.md',
  `bin/mmskills-${name}.js`,
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

function refusal(tree: Tree, options: Parameters<typeof generateSkill>[1]): SkillGeneratorError {
  const before = tree.listChanges().length;
  const error = (() => {
    try {
      generateSkill(tree, options);
    } catch (thrown) {
      return thrown;
    }
  })();
  expect(error).toBeInstanceOf(SkillGeneratorError);
  expect(tree.listChanges()).toHaveLength(before);
  return error as SkillGeneratorError;
}

describe('the skill generator on an in-memory tree', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    for (const path of [
      'core/package.json',
      'skill-kit/package.json',
      'tsconfig.base.json',
      'vitest.config.base.ts',
    ]) {
      tree.write(path, fromRepo(path));
    }
  });

  it('writes skills/<name> with every template filled in', async () => {
    await skillGenerator(tree, { name: 'hello-vision' });
    const read = (path: string) => tree.read(`skills/hello-vision/${path}`, 'utf8') ?? '';
    expect(tree.children('skills/hello-vision').sort()).toEqual(
      [
        'README.md',
        'bin',
        'bundle.mjs',
        'icons',
        'package.json',
        'src',
        'test',
        'tsconfig.build.json',
        'tsconfig.json',
        'vitest.config.ts',
      ].sort(),
    );
    for (const file of filesOf('hello-vision')) expect(read(file)).not.toMatch(/<%|%>/);
    expect(read('src/skill.ts')).toContain('export const helloVisionSkill: SkillDefinition = defineSkill({');
    expect(read('src/skill.ts')).toContain("title: 'Hello vision',");
    expect(read('src/skill.ts')).toContain("registryName: 'io.github.mmskills/hello-vision',");
    expect(read('tsconfig.json')).toContain('"extends": "../../tsconfig.base.json"');
    expect(read('README.md')).toContain('cd skills/hello-vision');
  });

  it('puts the skill under the namespace given, and refuses one that is not reverse-DNS', async () => {
    await skillGenerator(tree, { name: 'hello-vision', namespace: 'io.github.alice' });
    const read = (path: string) => tree.read(`skills/hello-vision/${path}`, 'utf8') ?? '';
    expect(read('src/skill.ts')).toContain("registryName: 'io.github.alice/hello-vision',");
    expect(read('test/bin.test.ts')).toContain("name: 'io.github.alice/hello-vision',");
    await expect(skillGenerator(tree, { name: 'other', namespace: 'alice' })).rejects.toThrow(
      /--namespace is reverse-DNS, like io\.github\.alice/,
    );
  });

  it('pins what core pins, and leaves only sharp to install at run time', () => {
    const { packageDir, files } = generateSkill(tree, { name: 'colour-stats', directory: 'tools/extra' });
    expect(packageDir).toBe('tools/extra/colour-stats');
    expect(files).toEqual(filesOf('colour-stats'));
    const manifest = JSON.parse(tree.read('tools/extra/colour-stats/package.json', 'utf8') ?? '');
    const own = JSON.parse(fromRepo('tools/nx/package.json'));
    expect(manifest).toMatchObject({
      name: '@mmskills/skill-colour-stats',
      bin: { 'mmskills-colour-stats': './bin/mmskills-colour-stats.js' },
      dependencies: { sharp: kit.dependencies.sharp },
      devDependencies: {
        '@mmskills/core': core.version,
        '@mmskills/image': core.version,
        '@mmskills/skill-kit': core.version,
        '@modelcontextprotocol/sdk': kit.dependencies['@modelcontextprotocol/sdk'],
        esbuild: own.dependencies.esbuild,
        zod: core.dependencies.zod,
      },
    });
    expect(Object.keys(manifest.dependencies)).toEqual(['sharp']);
    expect(tree.read('tools/extra/colour-stats/vitest.config.ts', 'utf8')).toContain(
      "import base from '../../../vitest.config.base.ts';",
    );
  });

  it('quotes a description with apostrophes the way biome formats it', () => {
    const description = `Counts an image's colours: size, mean and dominant colours, made by the generator's own unit test.`;
    generateSkill(tree, { name: 'quoted', description });
    const skill = tree.read('skills/quoted/src/skill.ts', 'utf8') ?? '';
    expect(skill).toContain(`  description:\n    "${description}",`);
    expect(JSON.parse(tree.read('skills/quoted/package.json', 'utf8') ?? '').description).toBe(description);
  });

  it.each([
    [{ name: 'Upper' }, /kebab-case/],
    [{ name: 'double--hyphen' }, /kebab-case/],
    [{ name: 'x'.repeat(41) }, /at most 40 characters/],
    [{ name: 'ok', description: ' ' }, /--description must be one line/],
    [{ name: 'ok', description: 'two\nlines' }, /--description must be one line/],
    [{ name: 'ok', directory: '../elsewhere' }, /outside the workspace/],
  ])('refuses %j and writes nothing', (options, message) => {
    const error = refusal(tree, options);
    expect(error.code).toBe('invalid-option');
    expect(error.message).toMatch(message);
  });

  it('refuses a folder that exists and leaves it as it was', () => {
    tree.write('skills/taken/keep.txt', 'mine');
    const error = refusal(tree, { name: 'taken' });
    expect(error).toMatchObject({
      code: 'exists',
      message: 'skills/taken already exists; pick another name or directory',
    });
    expect(tree.read('skills/taken/keep.txt', 'utf8')).toBe('mine');
  });

  it('refuses a workspace that is not the mmskills repository', () => {
    tree.delete('core/package.json');
    expect(refusal(tree, { name: 'lonely' }).code).toBe('not-in-repository');
  });
});
