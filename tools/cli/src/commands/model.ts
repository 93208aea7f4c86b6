import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkillModel, SkillModelInput } from '@mmskills/core';
import { installPlaces, readHostConfigFile, writeHostConfigFile } from '../install/host-config-file.js';
import { BUILTIN_CATALOGUE } from '../models/builtin-catalogue.js';
import { defaultModelDir, expandHome, lmmSpec } from '../models/cache.js';
import { type CatalogueEntry, type CatalogueInput, lmmTarget, parseCatalogue } from '../models/catalogue.js';
import { listModels, listModelsJson } from '../models/list.js';
import type { ProgressWriter } from '../models/progress.js';
import { pullFiles } from '../models/pull.js';
import { parseSkillModels, skillModelUse } from '../models/skill-models.js';
import { parseCommandArgs } from './parse-options.js';
import { CliError } from './registry-client.js';

export const MODEL_USAGE = `Usage: mmskills model list [--dir <dir>] [--json]
       mmskills model pull <name> [--dir <dir>] [--mirror <url>] [--config mmskills.json]

  list      the GGUF vision models for llama.cpp (size, licence, whether cached, the --lmm value),
            then the models the skills pull (ground, sam, clip, caption, inpaint)
  pull      download every file of a model to <dir>/<name>/ (resumes a partial download, checks the
            catalogue's sha256, else the hub's own checksum); a GGUF model is recorded as the host's
            model in --config, so the next \`npm start\` (mmskills serve) uses it with no flags; a
            skill model is found in the cache by name, nothing is recorded

  --dir     the model cache (default $MMSKILLS_MODEL_DIR, else ~/.cache/mmskills/models)
  --mirror  a Hugging Face mirror (default $MMSKILLS_MODEL_BASE_URL, else $HF_ENDPOINT, else
            https://huggingface.co)
  --config  the host config file (default $MMSKILLS_CONFIG, else ./mmskills.json)
  --json    list as one JSON document
$MMSKILLS_MODEL_CATALOGUE names a JSON file of more GGUF models (a list of {name, title, repo,
licence, model, mmproj}), listed after the built-in ones; an entry of the same name replaces the
built-in one.
`;

/** Seams for tests and embedding; the defaults are the real cache, network, catalogues and stderr. */
export interface ModelCommandOptions {
  cacheDir?: string;
  fetch?: typeof fetch;
  catalogue?: CatalogueInput;
  /** The models skills pull, in place of core's `SKILL_MODELS`. */
  skillModels?: readonly SkillModelInput[];
  baseUrl?: string;
  stderr?: ProgressWriter;
  /** Stops a pull, keeping the `.part` files; without it, Ctrl-C does the same. */
  signal?: AbortSignal;
  /** The host config file a pull records the model in, when `--config` does not say. */
  configFile?: string;
}

/** `mmskills model`: list the known models, or pull one into the cache. */
export async function modelCommand(
  argv: string[],
  out: (line: string) => void,
  options: ModelCommandOptions = {},
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      dir: { type: 'string' },
      config: { type: 'string' },
      mirror: { type: 'string' },
      json: { type: 'boolean' },
    },
    MODEL_USAGE,
  );
  const [action, name, ...extra] = positionals;
  const cacheDir = values.dir ? expandHome(values.dir) : (options.cacheDir ?? defaultModelDir());
  const catalogue = parseCatalogue(options.catalogue ?? (await withUserCatalogue(BUILTIN_CATALOGUE)));
  const skillModels = parseSkillModels(options.skillModels);
  if (action === 'list' && !name)
    return (values.json ? listModelsJson : listModels)(catalogue, skillModels, cacheDir, out);
  if (action !== 'pull' || !name || extra.length > 0)
    throw new CliError(`model needs list, or pull <name>\n${MODEL_USAGE}`, 2);
  const baseUrl = hubUrl(values.mirror, options.baseUrl);
  const pull = { ...options, baseUrl };
  const entry = catalogue.find((candidate) => candidate.name === name);
  const skillModel = skillModels.find((candidate) => candidate.name === name);
  if (entry && skillModel)
    throw new CliError(`"${name}" names both a GGUF model and a ${skillModel.skill} skill model; rename one`);
  if (skillModel) return pullSkillModel(skillModel, skillModels, cacheDir, out, pull);
  if (!entry) {
    const known = [...catalogue, ...skillModels].map((model) => model.name).join(', ');
    throw new CliError(`unknown model "${name}"; known: ${known}`, 2);
  }
  // The host's --lmm value separates its options with commas.
  if (cacheDir.includes(','))
    throw new CliError(`the model directory may not contain a comma: ${cacheDir}`, 2);
  const config = installPlaces({ config: values.config ?? options.configFile }).config;
  // A broken config file is reported before anything is downloaded.
  await readHostConfigFile(config);
  await pullLmm(entry, cacheDir, out, pull);
  await writeHostConfigFile(config, { ...(await readHostConfigFile(config)), lmm: lmmSpec(cacheDir, entry) });
  out(`recorded in ${config}: the next \`npm start\` (mmskills serve) runs the host with ${entry.name}`);
  return 0;
}

// The same order of say-so as huggingface_hub, whose HF_ENDPOINT is how mirror users already set it.
function hubUrl(flag: string | undefined, option: string | undefined): string {
  const [source, url] = flag
    ? ['--mirror', flag]
    : option
      ? ['the base URL', option]
      : process.env.MMSKILLS_MODEL_BASE_URL
        ? ['MMSKILLS_MODEL_BASE_URL', process.env.MMSKILLS_MODEL_BASE_URL]
        : process.env.HF_ENDPOINT
          ? ['HF_ENDPOINT', process.env.HF_ENDPOINT]
          : ['the default', 'https://huggingface.co'];
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw new CliError(`${source} is not an http(s) URL: ${url}`, 2);
  return url;
}

async function pullLmm(
  entry: CatalogueEntry,
  cacheDir: string,
  out: (line: string) => void,
  options: ModelCommandOptions & { baseUrl: string },
) {
  await pullFiles(lmmTarget(entry), cacheDir, out, options);
  out(`${entry.name} is ready (licence: ${entry.licence}); its --lmm value:`);
  out(`  --lmm ${lmmSpec(cacheDir, entry)}`);
}

async function pullSkillModel(
  model: SkillModel,
  models: readonly SkillModel[],
  cacheDir: string,
  out: (line: string) => void,
  options: ModelCommandOptions & { baseUrl: string },
): Promise<number> {
  await pullFiles(model, cacheDir, out, options);
  out(`${model.name} is ready in ${join(cacheDir, model.name)} (licence: ${model.licence})`);
  out(skillModelUse(model, models));
  return 0;
}

/** The built-in catalogue with the entries of $MMSKILLS_MODEL_CATALOGUE's file on top. */
async function withUserCatalogue(builtin: CatalogueInput): Promise<CatalogueInput> {
  const file = process.env.MMSKILLS_MODEL_CATALOGUE;
  if (!file) return builtin;
  let extra: unknown;
  try {
    extra = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`MMSKILLS_MODEL_CATALOGUE: cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(extra))
    throw new CliError(`MMSKILLS_MODEL_CATALOGUE: ${file} must hold a JSON list of models`);
  const names = new Set(extra.map((entry) => (entry as { name?: unknown }).name));
  return [...builtin.filter((entry) => !names.has(entry.name)), ...(extra as CatalogueInput)];
}
