import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MmskillsError } from '../errors.js';
import { modelCacheDir } from './cache-dir.js';
import type { SkillModel } from './catalogue/entry.js';
import { SKILL_MODELS } from './catalogue/index.js';

/** Which model a skill should run, as its user said (or did not). */
export interface SkillModelChoice {
  skill: string;
  /** A catalogue name, or a folder holding the model's files (flag or env); absent: the skill's default. */
  choice?: string;
  /** The flag and environment variable that set `choice`, named in messages. */
  flag: string;
  envVar: string;
  cacheDir?: string;
  /** The catalogue to look in; tests and embedders pass their own. */
  models?: readonly SkillModel[];
}

/** A model found on disk: its catalogue entry (none for a folder the user gave) and where it is. */
export interface PulledModel {
  model?: SkillModel;
  dir: string;
  source: 'user' | 'cache';
}

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

/**
 * The folder of the model a skill runs: a folder the user gave, or a catalogue model pulled into
 * the cache with every file complete.
 * @throws MmskillsError `model_not_found` naming the exact `mmskills model pull` command (or the
 * folder that is missing), so a skill can answer every call with it.
 */
export function resolveSkillModel(request: SkillModelChoice): PulledModel {
  const choice = request.choice?.trim() || undefined;
  const models = (request.models ?? SKILL_MODELS).filter((model) => model.skill === request.skill);
  const model = choice
    ? models.find((entry) => entry.name === choice)
    : (models.find((entry) => entry.default) ?? models[0]);
  if (!model) {
    if (choice && isDir(resolve(choice))) return { dir: resolve(choice), source: 'user' };
    const known = models.map((entry) => entry.name).join(', ') || 'none yet';
    throw new MmskillsError(
      'model_not_found',
      choice
        ? `${request.flag} / ${request.envVar} "${choice}" is neither a folder nor a ${request.skill} model (catalogue: ${known})`
        : `the ${request.skill} skill has no model in the catalogue; pass ${request.flag} <folder>`,
    );
  }
  const dir = join(request.cacheDir ?? modelCacheDir(), model.name);
  const missing = model.files.filter((file) => !existsSync(join(dir, file.file)));
  if (missing.length > 0) {
    throw new MmskillsError(
      'model_not_found',
      `the ${request.skill} skill's model ${model.name} (${model.title}) is not downloaded: run \`npx mmskills model pull ${model.name}\`, or pass ${request.flag} <folder> (or set ${request.envVar}) to use one you have`,
    );
  }
  return { model, dir, source: 'cache' };
}
