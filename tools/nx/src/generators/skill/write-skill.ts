import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FsTree, flushChanges } from 'nx/src/generators/tree.js';
import { type GeneratedSkill, generateSkill } from './generator.js';
import type { SkillOptions } from './options.js';

/**
 * Runs the skill generator against the workspace at `root` on disk, as `nx g` would, and writes
 * its files; a failed write removes the half-written package folder.
 */
export async function writeSkill(root: string, options: SkillOptions): Promise<GeneratedSkill> {
  const tree = new FsTree(root, false);
  const generated = generateSkill(tree, options);
  try {
    flushChanges(root, tree.listChanges());
  } catch (error) {
    await rm(join(root, generated.packageDir), { recursive: true, force: true });
    throw error;
  }
  return generated;
}
