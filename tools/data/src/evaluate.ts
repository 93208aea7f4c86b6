import { type Action, parseTurn } from '@mmskills/core';
import { Conversation, type LmmBackend, type PoolTool, runAgent, type SkillPool } from '@mmskills/host';
import { Ajv, type ValidateFunction } from 'ajv';
import { readSampleImage } from './image-files.js';
import { compareActions, formatTable, type SampleScore, type Scores, summarise } from './metrics.js';
import { imagesOf, questionOf, type Sample } from './sample.js';

export interface EvaluateOptions {
  samples: readonly Sample[];
  backend: LmmBackend;
  pool: SkillPool;
  /** The folder the samples' `image` paths are relative to. */
  imagesDir: string;
  /** Tools offered per question past this many: the host's own selection (default 24, as the host). */
  maxAll?: number;
  onScore?: (score: SampleScore, done: number) => void;
}

export interface EvaluationReport {
  overall: Scores;
  perSkill: Record<string, Scores>;
  samples: SampleScore[];
  table: string;
}

function expectedActions(sample: Sample): Action[] {
  const first = sample.conversations.find((turn) => turn.from === 'gpt');
  if (!first) throw new TypeError(`sample ${sample.id} has no gpt turn to compare with`);
  try {
    return parseTurn(first.value).actions;
  } catch (error) {
    throw new TypeError(
      `sample ${sample.id}: its first gpt turn is not a unified-format turn: ${(error as Error).message}`,
    );
  }
}

/** The model's first turn for one sample, through the host's own agent loop; undefined when unreadable. */
async function firstTurn(sample: Sample, options: EvaluateOptions): Promise<Action[] | undefined> {
  const images = await Promise.all(imagesOf(sample).map((name) => readSampleImage(options.imagesDir, name)));
  const run = runAgent(
    {
      backend: options.backend,
      pool: options.pool,
      selection: { maxAll: options.maxAll ?? 24, topK: 8, pinned: [] },
      maxSteps: 1,
    },
    new Conversation(`eval-${sample.id}`),
    { text: questionOf(sample), images },
  );
  // Leaving the loop at the first action stops the agent before any tool runs.
  for await (const event of run) {
    if (event.type === 'action') return event.actions;
    if (event.type === 'answer') return event.turn ? [] : undefined;
    if (event.type === 'error') return undefined;
  }
  return undefined;
}

/**
 * Replays held-out samples through the host's agent with `backend` and scores the model's first
 * turn against each sample's: tool selection, argument validity (the tool's input schema) and
 * exact match of `API_name` and `API_params`, per skill and overall. Tools never run.
 * @see ../README.md "Evaluate"
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluationReport> {
  const tools = await options.pool.tools();
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  const validators = new Map<string, ValidateFunction>();
  const toolFor = (name: string): PoolTool | undefined => tools.find((entry) => entry.name === name);
  const isValid = (action: Action) => {
    const tool = toolFor(action.API_name);
    if (!tool) return false;
    let validate = validators.get(tool.name);
    if (!validate) {
      validate = ajv.compile(tool.tool.inputSchema);
      validators.set(tool.name, validate);
    }
    return validate(action.API_params);
  };
  const expectations = options.samples.map((sample) => ({ sample, expected: expectedActions(sample) }));
  const scores: SampleScore[] = [];
  for (const { sample, expected } of expectations) {
    const predicted = await firstTurn(sample, options);
    const first = expected[0];
    const skill = first === undefined ? 'none' : (toolFor(first.API_name)?.skill ?? 'unknown');
    const score: SampleScore = {
      id: sample.id,
      skill,
      expected,
      ...(predicted ? { predicted } : {}),
      ...compareActions(expected, predicted, isValid),
    };
    scores.push(score);
    options.onScore?.(score, scores.length);
  }
  const skills = [...new Set(scores.map((score) => score.skill))].sort();
  const perSkill = Object.fromEntries(
    skills.map((skill) => [skill, summarise(scores.filter((score) => score.skill === skill))]),
  );
  const overall = summarise(scores);
  return { overall, perSkill, samples: scores, table: formatTable(perSkill, overall) };
}
