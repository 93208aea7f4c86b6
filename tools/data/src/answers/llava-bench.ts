import { MmskillsError } from '@mmskills/core';
import { z } from 'zod';
import type { AnswerItem } from './item.js';
import { assertUniqueIds, type JsonLine, lineError, parseLinesWith } from './jsonl.js';

const QuestionId = z.union([z.string().min(1), z.number().int()]);

/** `questions.jsonl` of LLaVA-Bench (In-the-Wild): one question about one picture per line. */
const LlavaQuestionSchema = z.looseObject({
  question_id: QuestionId,
  image: z.string().min(1),
  text: z.string().min(1),
  category: z.string().min(1).optional(),
});

/** A line of an answers file (`answers_gpt4.jsonl`): the reference answer to one question. */
const LlavaReferenceSchema = z.looseObject({ question_id: QuestionId, text: z.string().min(1) });

/**
 * LLaVA-Bench questions paired with their reference answers by `question_id`. The references are
 * free-form paragraphs, scored here as `text` answers (the reference as a whole-word phrase of the
 * model's answer), which a correct but differently worded answer fails: LLaVA-Bench's own score is
 * a judge model's rating, so read this accuracy as a floor, not as that benchmark's number.
 * @throws {MmskillsError} `invalid_argument` naming the line of a bad question or reference, a
 * question with no reference, or an id used twice.
 * @see ../../README.md "Answers"
 */
export function llavaBenchItems(
  questions: readonly JsonLine[],
  references: readonly JsonLine[],
  files: { questions: string; references: string },
): AnswerItem[] {
  const answers = parseLinesWith(references, LlavaReferenceSchema, files.references);
  const byId = new Map(answers.map(({ value }) => [String(value.question_id), value.text]));
  const items = parseLinesWith(questions, LlavaQuestionSchema, files.questions).map(({ line, value }) => {
    const id = String(value.question_id);
    const reference = byId.get(id);
    if (reference === undefined) {
      throw lineError(files.questions, line, `question_id ${id} has no answer in ${files.references}`);
    }
    const item: AnswerItem = {
      id,
      image: value.image,
      question: value.text,
      answer: { kind: 'text', value: reference },
      category: value.category ?? 'llava-bench',
    };
    return { line, id, item };
  });
  assertUniqueIds(items, files.questions);
  if (items.length === 0) throw new MmskillsError('invalid_argument', `${files.questions} holds no question`);
  return items.map(({ item }) => item);
}
