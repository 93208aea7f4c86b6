import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMmskillsError } from '@mmskills/core';
import {
  builtinPool,
  generateSamples,
  IMAGES_FOLDER,
  installedSkills,
  listImages,
  llamaFactoryEntry,
  parseSkillList,
  readTraces,
  type SampleFormat,
  SampleFormatSchema,
  toJsonl,
  writeDataset,
} from '@mmskills/data';
import { CliError } from './registry-client.js';

export const DATA_USAGE = `Usage:
  mmskills data generate --images <dir> --out <file.jsonl> [--skills a,b] [--count 100] [--seed 1] [--format llava|openai|sharegpt]
  mmskills data traces --from <record dir> --out <file.jsonl> [--format llava|openai|sharegpt]

generate  surveys each picture of <dir> with the real built-in skills, then writes LLaVA-Plus samples
          that suit what they found: tool examples, questions about what is there, chains, zooms
          and no-tool answers; pictures go to images/ beside <file.jsonl>; the same seed gives the same files
traces    exports what \`mmskills-host --record <dir>\` recorded, in the same shapes
formats   llava (LLaVA-Plus), openai (chat messages), sharegpt (LLaMA-Factory / ms-swift; generate
          also adds the dataset to dataset_info.json beside <file.jsonl>)
`;

function formatOf(value: string): SampleFormat {
  const parsed = SampleFormatSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`--format ${value}: expected llava, openai or sharegpt`, 2);
  return parsed.data;
}

function countOf(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new CliError(`--count ${value}: expected a whole number from 1 to 1000000`, 2);
  }
  return count;
}

async function writeOut(path: string, text: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(path, text);
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

async function generate(argv: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      images: { type: 'string' },
      out: { type: 'string' },
      skills: { type: 'string' },
      count: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'llava' },
    },
  });
  if (!values.images || !values.out)
    throw new CliError(`data generate needs --images and --out\n${DATA_USAGE}`, 2);
  const format = formatOf(values.format);
  const count = countOf(values.count);
  const skills = parseSkillList(values.skills, installedSkills());
  // Checked before any skill starts, so a wrong folder costs nothing and writes nothing.
  await listImages(values.images);
  const pool = builtinPool(skills);
  try {
    const { samples, skipped, made, survey } = await generateSamples({
      pool,
      imagesDir: values.images,
      count,
      seed: values.seed,
    });
    out(`surveyed ${plural(survey.pictures.size, 'picture')} in ${(survey.ms / 1000).toFixed(1)} s`);
    for (const skip of skipped) out(`skipped ${skip.id}: ${skip.reason}`);
    const written = await writeDataset({ out: values.out, format, samples, made, imagesDir: values.images });
    out(`wrote ${plural(samples.length, 'sample')} (${format}) to ${values.out}`);
    out(
      `pictures: ${join(dirname(values.out), IMAGES_FOLDER)} (${written.copied} copied, ${written.made} made by tools); paths are relative to ${dirname(values.out)}`,
    );
    if (written.datasetInfo) {
      out(`LLaMA-Factory: "${written.datasetInfo.name}" added to ${written.datasetInfo.path}`);
    }
    return samples.length > 0 ? 0 : 1;
  } finally {
    await pool.close();
  }
}

async function traces(argv: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'llava' },
    },
  });
  if (!values.from || !values.out) throw new CliError(`data traces needs --from and --out\n${DATA_USAGE}`, 2);
  const format = formatOf(values.format);
  if (!existsSync(values.from)) throw new CliError(`--from ${values.from} does not exist`, 2);
  const { samples, skipped } = await readTraces(values.from);
  for (const skip of skipped) out(`skipped ${skip.file}: ${skip.reason}`);
  await writeOut(values.out, toJsonl(samples, format));
  out(
    `wrote ${plural(samples.length, 'sample')} (${format}) to ${values.out}; images are relative to ${values.from}`,
  );
  if (format === 'sharegpt') {
    // Trace pictures stay in the record folder, so LLaMA-Factory must look there (its media_dir argument).
    const entry = { [basename(values.out, extname(values.out))]: llamaFactoryEntry(basename(values.out)) };
    out(
      `LLaMA-Factory: add ${JSON.stringify(entry)} to dataset_info.json and train with media_dir: ${resolve(values.from)}`,
    );
  }
  return 0;
}

/** `mmskills data generate|traces`: instruction data from the skills, or from recorded conversations. */
export async function dataCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    if (verb === 'generate') return await generate(rest, out);
    if (verb === 'traces') return await traces(rest, out);
  } catch (error) {
    if (isMmskillsError(error, 'invalid_argument')) throw new CliError(error.message, 2);
    throw error;
  }
  throw new CliError(`data needs generate or traces\n${DATA_USAGE}`, 2);
}
