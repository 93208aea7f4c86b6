import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMmskillsError } from '@mmskills/core';
import {
  AnswerFormatSchema,
  assertPicturesExist,
  builtinPool,
  evaluate,
  installedSkills,
  makeAnswerSet,
  parseSamples,
  parseSkillList,
  readAnswerItems,
  runAnswers,
} from '@mmskills/data';
import { createBackend, parseLmmSpec } from '@mmskills/host';
import { parseCommandArgs } from './parse-options.js';
import { CliError } from './registry-client.js';

export const EVAL_USAGE = `Usage:
  mmskills eval --data <file.jsonl> --lmm <spec> [--images <dir>] [--skills a,b] [--json <report.json>] [--limit N]
  mmskills eval --answers <items.jsonl> --lmm <spec> [--format mmskills|vstar|llava-bench] [--references <answers.jsonl>]
                [--images <dir>] [--skills a,b] [--max-steps 10] [--max-tokens N] [--json <report.json>] [--limit N]
  mmskills eval make-set --out <dir> [--seed 1] [--photos <dir>]

--data: replays held-out samples through the host's agent with the model <spec> (llama:…, openai:…,
  scripted:…) and scores its first turn: tool selection, argument validity against the tool's
  schema, exact match of API_name and API_params; per skill and overall. Tools are not run.
--answers: runs each question's whole conversation through the host's agent, tools included, up
  to --max-steps model turns, and scores the final answer (exact, text, number, choice or box),
  tool use (an expected tool called), steps, tokens and time; per category and overall.
  --format reads mmskills JSONL (default), V* Bench's test_questions.jsonl or LLaVA-Bench's
  questions.jsonl (with --references, default answers_gpt4.jsonl beside it; free-form references
  are scored as text containment, a floor rather than LLaVA-Bench's judged score).
make-set: writes an evaluation set with known answers (drawn pages, shapes, the test photos) and
  its items.jsonl to <dir>; the same seed gives the same files.
--images is the folder the image paths are relative to (default: the item file's folder;
LLaVA-Bench: its images/ folder).
`;

const OPTIONS = {
  data: { type: 'string' },
  answers: { type: 'string' },
  lmm: { type: 'string' },
  images: { type: 'string' },
  skills: { type: 'string' },
  json: { type: 'string' },
  limit: { type: 'string' },
  format: { type: 'string' },
  references: { type: 'string' },
  'max-steps': { type: 'string' },
  'max-tokens': { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string', default: '1' },
  photos: { type: 'string' },
} as const;
type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

/** Runs `step`, turning a fault of the user's input into a usage error (exit 2). */
async function asUsage<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (
      error instanceof TypeError ||
      isMmskillsError(error, 'invalid_argument') ||
      isMmskillsError(error, 'image_not_found')
    ) {
      throw new CliError((error as Error).message, 2);
    }
    throw error;
  }
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new CliError(`--${flag} ${value}: expected a whole number ≥ 1`, 2);
  return number;
}

async function writeReport(path: string, report: object, out: (line: string) => void): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  out(`wrote ${path}`);
}

/** `mmskills eval`: how well a model picks and calls tools on held-out samples, or answers questions. */
export async function evalCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, EVAL_USAGE);
  if (positionals[0] === 'make-set' && positionals.length === 1) return makeSet(values, out);
  if (positionals.length > 0)
    throw new CliError(`eval: unknown argument "${positionals[0]}"\n${EVAL_USAGE}`, 2);
  if (values.data && values.answers) throw new CliError('eval takes --data or --answers, not both', 2);
  if (values.answers) return answers(values, out);
  if (!values.data || !values.lmm)
    throw new CliError(`eval needs --data (or --answers) and --lmm\n${EVAL_USAGE}`, 2);
  return firstTurns(values, out);
}

async function makeSet(values: Values, out: (line: string) => void): Promise<number> {
  if (!values.out) throw new CliError(`eval make-set needs --out <dir>\n${EVAL_USAGE}`, 2);
  const result = await makeAnswerSet({
    out: values.out,
    seed: values.seed,
    ...(values.photos ? { photos: values.photos } : {}),
  });
  const counts = new Map<string, number>();
  for (const item of result.items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  const list = [...counts].map(([category, count]) => `${category} ${count}`).join(', ');
  out(`wrote ${result.items.length} items (${list}) to ${result.file}`);
  if (result.skipped.length > 0) {
    out(
      `left out ${result.skipped.length} photo items (their photos are not in ${values.photos ?? 'test/photos'})`,
    );
  }
  return 0;
}

async function answers(values: Values, out: (line: string) => void): Promise<number> {
  if (!values.lmm) throw new CliError(`eval --answers needs --lmm\n${EVAL_USAGE}`, 2);
  const format = AnswerFormatSchema.safeParse(values.format ?? 'mmskills');
  if (!format.success)
    throw new CliError(`--format ${values.format}: expected mmskills, vstar or llava-bench`, 2);
  const maxSteps = wholeNumber('max-steps', values['max-steps']) ?? 10;
  const maxTokens = wholeNumber('max-tokens', values['max-tokens']);
  const limit = wholeNumber('limit', values.limit);
  const file = values.answers as string;
  const { items, imagesDir } = await asUsage(() =>
    readAnswerItems({
      file,
      format: format.data,
      ...(values.references ? { references: values.references } : {}),
    }),
  );
  const spec = await asUsage(() => parseLmmSpec(values.lmm as string));
  const skills = await asUsage(() => parseSkillList(values.skills, installedSkills()));
  const chosen = items.slice(0, limit ?? items.length);
  const pictures = values.images ?? imagesDir;
  // Before the model loads, which can take minutes.
  await asUsage(() => assertPicturesExist(chosen, pictures));
  const backend = await createBackend(spec);
  const pool = builtinPool(skills);
  try {
    const report = await runAnswers({
      items: chosen,
      backend,
      pool,
      imagesDir: pictures,
      maxSteps,
      ...(maxTokens === undefined ? {} : { maxTokens }),
      onItem: (result, done) =>
        out(
          `${done}/${chosen.length} ${result.id}: ${result.correct ? 'right' : 'wrong'}, ${result.steps} steps, ${result.ms} ms${result.ended === 'answer' ? '' : ` (${result.ended})`}`,
        ),
    });
    out(report.table);
    if (values.json) {
      const { overall, perCategory, items: results } = report;
      await writeReport(values.json, { overall, perCategory, items: results }, out);
    }
    return 0;
  } finally {
    await Promise.all([pool.close(), backend.close()]);
  }
}

async function firstTurns(values: Values, out: (line: string) => void): Promise<number> {
  const file = values.data as string;
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new CliError(`cannot read --data ${file}: ${error.message}`, 2);
  });
  const samples = await asUsage(() => parseSamples(text));
  const spec = await asUsage(() => parseLmmSpec(values.lmm as string));
  const skills = await asUsage(() => parseSkillList(values.skills, installedSkills()));
  const limit = wholeNumber('limit', values.limit) ?? samples.length;
  if (samples.length === 0) throw new CliError(`--data ${file} holds no sample`, 2);
  const backend = await createBackend(spec);
  const pool = builtinPool(skills);
  try {
    const report = await evaluate({
      samples: samples.slice(0, limit),
      backend,
      pool,
      imagesDir: values.images ?? dirname(resolve(file)),
    });
    out(report.table);
    if (values.json) {
      await writeReport(
        values.json,
        { overall: report.overall, perSkill: report.perSkill, samples: report.samples },
        out,
      );
    }
    return 0;
  } finally {
    await Promise.all([pool.close(), backend.close()]);
  }
}
