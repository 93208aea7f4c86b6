import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMmskillsError } from '@mmskills/core';
import { builtinPool, evaluate, installedSkills, parseSamples, parseSkillList } from '@mmskills/data';
import { createBackend, parseLmmSpec } from '@mmskills/host';
import { CliError } from './registry-client.js';

export const EVAL_USAGE = `Usage: mmskills eval --data <file.jsonl> --lmm <spec> [--images <dir>] [--skills a,b] [--json <report.json>] [--limit N]

Replays held-out samples through the host's agent with the model <spec> (llama:…, openai:…,
scripted:…) and scores its first turn: tool selection, argument validity against the tool's
schema, exact match of API_name and API_params; per skill and overall. Tools are not run.
--images is the folder the samples' image paths are relative to (default: the data file's folder).
`;

/** `mmskills eval`: how well a model picks and calls tools on held-out samples. */
export async function evalCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      lmm: { type: 'string' },
      images: { type: 'string' },
      skills: { type: 'string' },
      json: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  if (!values.data || !values.lmm) throw new CliError(`eval needs --data and --lmm\n${EVAL_USAGE}`, 2);
  const text = await readFile(values.data, 'utf8').catch((error: Error) => {
    throw new CliError(`cannot read --data ${values.data}: ${error.message}`, 2);
  });
  let samples: ReturnType<typeof parseSamples>;
  let spec: ReturnType<typeof parseLmmSpec>;
  let skills: string[];
  try {
    samples = parseSamples(text);
    spec = parseLmmSpec(values.lmm);
    skills = parseSkillList(values.skills, installedSkills());
  } catch (error) {
    if (error instanceof TypeError || isMmskillsError(error, 'invalid_argument')) {
      throw new CliError((error as Error).message, 2);
    }
    throw error;
  }
  const limit = values.limit === undefined ? samples.length : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError(`--limit ${values.limit}: expected a whole number ≥ 1`, 2);
  if (samples.length === 0) throw new CliError(`--data ${values.data} holds no sample`, 2);
  const backend = await createBackend(spec);
  const pool = builtinPool(skills);
  try {
    const report = await evaluate({
      samples: samples.slice(0, limit),
      backend,
      pool,
      imagesDir: values.images ?? dirname(resolve(values.data)),
    });
    out(report.table);
    if (values.json) {
      await mkdir(dirname(resolve(values.json)), { recursive: true });
      await writeFile(
        values.json,
        `${JSON.stringify({ overall: report.overall, perSkill: report.perSkill, samples: report.samples }, null, 2)}\n`,
      );
      out(`wrote ${values.json}`);
    }
    return 0;
  } finally {
    await Promise.all([pool.close(), backend.close()]);
  }
}
