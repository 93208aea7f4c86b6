import { dirname } from 'node:path/posix';
import { z } from 'zod';
import type { AnswerItem } from './item.js';
import { assertUniqueIds, type JsonLine, lineError, parseLinesWith } from './jsonl.js';

/**
 * A line of V* Bench (`craigwu/vstar_bench`): `test_questions.jsonl` has `image`
 * (`direct_attributes/sa_4690.jpg`), `text` (the question, its options as `(A) …` lines and an
 * instruction), `category`, `question_id` and `label` (the right letter). Also read: `question`
 * for `text`, `options` or `choices` as a list, and `answer` as a letter or a 0-based index.
 */
const VstarLineSchema = z.looseObject({
  image: z.string().min(1),
  text: z.string().min(1).optional(),
  question: z.string().min(1).optional(),
  options: z.array(z.string().min(1)).min(2).max(8).optional(),
  choices: z.array(z.string().min(1)).min(2).max(8).optional(),
  label: z.string().optional(),
  answer: z.union([z.string(), z.number().int().min(0)]).optional(),
  category: z.string().min(1).optional(),
  question_id: z.union([z.string(), z.number()]).optional(),
});

const OPTION_LINE = /^\s*\(([A-H])\)\s*(.+?)\s*$/gm;
// V*'s own instruction, added when the question does not list its options itself.
const INSTRUCTION = "Answer with the option's letter from the given choices directly.";

function letterFrom(value: string | number | undefined): string | undefined {
  if (typeof value === 'number') return String.fromCharCode(65 + value);
  return value
    ?.trim()
    .match(/^\(?([A-Ha-h])\)?\.?$/)?.[1]
    ?.toUpperCase();
}

/**
 * V* Bench lines as multiple-choice items. A line with an `options` list and no label takes the
 * first option as right: V*'s per-picture annotation files list the right one first.
 * @throws {MmskillsError} `invalid_argument` naming the line: no question, fewer than two options,
 * a label that is not one of the options' letters, or an id used twice.
 * @see ../../README.md "Answers"
 */
export function vstarItems(lines: readonly JsonLine[], file: string): AnswerItem[] {
  const items = parseLinesWith(lines, VstarLineSchema, file).map(({ line, value }) => {
    const question = value.text ?? value.question;
    if (!question) throw lineError(file, line, 'no question: expected "text" or "question"');
    const listed = [...question.matchAll(OPTION_LINE)].map((match) => match[2] as string);
    const options = value.options ?? value.choices ?? listed;
    if (options.length < 2) {
      throw lineError(
        file,
        line,
        'fewer than two options: expected "options" or "(A) …" lines in the question',
      );
    }
    const given = value.label ?? value.answer;
    const correct = given === undefined && (value.options ?? value.choices) ? 'A' : letterFrom(given);
    if (!correct || correct.charCodeAt(0) - 65 >= options.length) {
      throw lineError(
        file,
        line,
        `label ${JSON.stringify(given ?? null)} is not one of the letters A–${String.fromCharCode(64 + options.length)}`,
      );
    }
    const prompt =
      listed.length >= 2
        ? question
        : `${question}\n${options.map((option, index) => `(${String.fromCharCode(65 + index)}) ${option}`).join('\n')}\n${INSTRUCTION}`;
    const folder = dirname(value.image);
    const item: AnswerItem = {
      id: value.question_id === undefined ? `line-${line}` : String(value.question_id),
      image: value.image,
      question: prompt,
      answer: { kind: 'choice', options, correct },
      category: value.category ?? (folder === '.' ? 'vstar' : folder),
    };
    return { line, id: item.id, item };
  });
  assertUniqueIds(items, file);
  return items.map(({ item }) => item);
}
