import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MmskillsError } from '@mmskills/core';
import { Conversation, type LmmBackend, runAgent, type SkillPool } from '@mmskills/host';
import { readSampleImage } from '../image-files.js';
import { type AnswerItem, describeExpected, imagesOfItem } from './item.js';
import { type AnswerReport, summariseAnswers } from './report.js';
import { type AnswerScore, scoreAnswer } from './score.js';

export interface RunAnswersOptions {
  items: readonly AnswerItem[];
  backend: LmmBackend;
  pool: SkillPool;
  /** The folder the items' `image` paths are relative to. */
  imagesDir: string;
  /** Model turns per question before the host's loop gives up (default 10, as the host). */
  maxSteps?: number;
  maxTokens?: number;
  /** Tools offered per question past this many: the host's own selection (default 24, as the host). */
  maxAll?: number;
  onItem?: (result: ItemResult, done: number) => void;
}

/** How one question went, as `--json` writes it. */
export interface ItemResult {
  id: string;
  category: string;
  question: string;
  /** The model's final answer; for `stopped` and `error`, the host's own closing words. */
  answer: string;
  expected: string;
  correct: boolean;
  /** What the scorer read from the answer (a number, a letter, a box). */
  extracted?: string;
  /**
   * `answer`: the model answered; `stopped`: the host's loop ended the conversation (its step
   * limit, or the model asking again for calls it had made); `error`: the model failed or its
   * reply could not be read.
   */
  ended: 'answer' | 'stopped' | 'error';
  toolsCalled: string[];
  toolErrors: number;
  expectedTools?: string[];
  /** Whether any expected tool was called; null when the item expects none. */
  toolUse: boolean | null;
  steps: number;
  promptTokens: number;
  completionTokens: number;
  ms: number;
}

interface Ending {
  ended: ItemResult['ended'];
  answer: string;
  steps: number;
  score: AnswerScore;
}

// The model sees `<skill>__<tool>` only where two skills share a tool name; either form counts.
const bareName = (name: string) => {
  const at = name.lastIndexOf('__');
  return at < 0 ? name : name.slice(at + 2);
};

/** Runs one item's whole conversation through the host's agent loop, tools and all, and scores it. */
async function runItem(item: AnswerItem, options: RunAnswersOptions): Promise<ItemResult> {
  const images = await Promise.all(
    imagesOfItem(item).map((name) => readSampleImage(options.imagesDir, name)),
  );
  const toolsCalled: string[] = [];
  let toolErrors = 0;
  const started = performance.now();
  const run = runAgent(
    {
      backend: options.backend,
      pool: options.pool,
      selection: { maxAll: options.maxAll ?? 24, topK: 8, pinned: [] },
      maxSteps: options.maxSteps ?? 10,
      ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
    },
    new Conversation(`answers-${item.id}`),
    { text: item.question, images },
  );
  let end: Ending = { ended: 'error', answer: '', steps: 0, score: { correct: false } };
  let usage = { promptTokens: 0, completionTokens: 0 };
  try {
    for await (const event of run) {
      if (event.type === 'action') toolsCalled.push(...event.actions.map((action) => action.API_name));
      if (event.type === 'observation' && event.isError) toolErrors += 1;
      if (event.type === 'answer' || event.type === 'error') usage = event.usage;
      if (event.type === 'answer') {
        // Only the model's own turn is judged; the loop's "I stopped …" is not an answer.
        const score = event.turn ? scoreAnswer(item.answer, event.text, event.turn) : { correct: false };
        end = { ended: event.turn ? 'answer' : 'stopped', answer: event.text, steps: event.step, score };
      }
      if (event.type === 'error') end = { ...end, ended: 'error', answer: event.message, steps: event.step };
    }
  } catch (error) {
    // One conversation that breaks (a skill process gone, say) is that item's error, not the run's.
    end = { ...end, ended: 'error', answer: `the conversation failed: ${(error as Error).message}` };
  }
  const ms = Math.round(performance.now() - started);
  const expected = item.expectedTools;
  return {
    id: item.id,
    category: item.category,
    question: item.question,
    answer: end.answer,
    expected: describeExpected(item.answer),
    correct: end.score.correct,
    ...(end.score.extracted === undefined ? {} : { extracted: end.score.extracted }),
    ended: end.ended,
    toolsCalled,
    toolErrors,
    ...(expected ? { expectedTools: expected } : {}),
    toolUse: expected ? toolsCalled.some((name) => expected.includes(bareName(name))) : null,
    steps: end.steps,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    ms,
  };
}

/**
 * Checks that every item's pictures are files, so that a run does not fail halfway.
 * @throws {MmskillsError} `image_not_found` naming the first item whose picture is missing.
 */
export async function assertPicturesExist(items: readonly AnswerItem[], imagesDir: string): Promise<void> {
  for (const item of items) {
    for (const name of imagesOfItem(item)) {
      const path = join(imagesDir, name);
      if (!(await stat(path).catch(() => undefined))?.isFile()) {
        throw new MmskillsError(
          'image_not_found',
          `item ${item.id}: no picture at ${path} (--images sets the folder)`,
        );
      }
    }
  }
}

/**
 * Asks every item's question through the host's agent loop (`runAgent`, with its prompt, tool
 * selection and real skills) with `backend`, lets the conversation run to the model's answer or
 * `maxSteps`, and scores answers, tool use, steps, tokens and time per item and per category.
 * Every picture is checked before the first question is asked.
 * @throws {MmskillsError} `image_not_found` naming an item whose picture is missing.
 * @see ../../README.md "Answers"
 */
export async function runAnswers(options: RunAnswersOptions): Promise<AnswerReport> {
  await assertPicturesExist(options.items, options.imagesDir);
  const results: ItemResult[] = [];
  for (const item of options.items) {
    const result = await runItem(item, options);
    results.push(result);
    options.onItem?.(result, results.length);
  }
  return summariseAnswers(results);
}
