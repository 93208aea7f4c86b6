import { BoxSchema } from '@mmskills/core';
import { z } from 'zod';

/** The answer as given, trimmed and without one final full stop, must equal `value` (case counts). */
export const ExactAnswerSchema = z.object({ kind: z.literal('exact'), value: z.string().min(1) });

/** `value` (or one of `alternatives`) as a whole-word phrase of the normalised answer. */
export const TextAnswerSchema = z.object({
  kind: z.literal('text'),
  value: z.string().min(1),
  alternatives: z.array(z.string().min(1)).optional(),
});

/**
 * A number in the answer (digits or the words zero..twenty) within `tolerance` of `value`:
 * absolute, or a fraction of `value` when `relative`. `match: "first"` (default) judges the first
 * number the answer names; `"any"` passes when any is close enough.
 */
export const NumberAnswerSchema = z.object({
  kind: z.literal('number'),
  value: z.number(),
  tolerance: z.number().min(0).default(0),
  relative: z.boolean().default(false),
  match: z.enum(['first', 'any']).default('first'),
});

/** Multiple choice: `options` are lettered A, B, … in order; `correct` is the right letter. */
export const ChoiceAnswerSchema = z
  .object({
    kind: z.literal('choice'),
    options: z.array(z.string().min(1)).min(2).max(8),
    correct: z.string().regex(/^[A-H]$/, 'a capital letter A–H'),
  })
  .refine((choice) => choice.correct.charCodeAt(0) - 65 < choice.options.length, {
    message: 'correct names a letter past the last option',
    path: ['correct'],
  });

/** A box `[x1, y1, x2, y2]` (0..1) whose IoU with the one in the answer is at least `threshold`. */
export const BoxAnswerSchema = z.object({
  kind: z.literal('box'),
  box: BoxSchema,
  threshold: z.number().gt(0).max(1).default(0.5),
});

export const AnswerSpecSchema = z.discriminatedUnion('kind', [
  ExactAnswerSchema,
  TextAnswerSchema,
  NumberAnswerSchema,
  ChoiceAnswerSchema,
  BoxAnswerSchema,
]);
export type AnswerSpec = z.infer<typeof AnswerSpecSchema>;
export type AnswerSpecInput = z.input<typeof AnswerSpecSchema>;

/**
 * One question with a checkable answer, mmskills' own JSONL line. `image` paths are relative to
 * the images folder; `expectedTools` names tools of which calling any one counts as good tool
 * use; `region` (0..1 box) says where in the picture the answer is, for people reading reports.
Unknown keys are refused, so that a misspelt `expectedTools` cannot silently turn a check off.
 * @see ../../README.md "Answers"
 */
export const AnswerItemSchema = z
  .object({
    id: z.string().min(1),
    image: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    question: z.string().min(1),
    answer: AnswerSpecSchema,
    category: z.string().min(1).default('uncategorised'),
    expectedTools: z.array(z.string().min(1)).min(1).optional(),
    region: BoxSchema.optional(),
    /** Anything else the set's author keeps with the item; reports carry it unread. */
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type AnswerItem = z.infer<typeof AnswerItemSchema>;
export type AnswerItemInput = z.input<typeof AnswerItemSchema>;

/** The item's pictures, in order. */
export function imagesOfItem(item: AnswerItem): string[] {
  return typeof item.image === 'string' ? [item.image] : item.image;
}

/** What a person reads as the expected answer in a report. */
export function describeExpected(answer: AnswerSpec): string {
  switch (answer.kind) {
    case 'exact':
    case 'text':
      return [answer.value, ...(answer.kind === 'text' ? (answer.alternatives ?? []) : [])].join(' | ');
    case 'number': {
      const slack =
        answer.tolerance === 0 ? '' : ` ± ${answer.tolerance}${answer.relative ? ' (relative)' : ''}`;
      return `${answer.value}${slack}`;
    }
    case 'choice':
      return `(${answer.correct}) ${answer.options[answer.correct.charCodeAt(0) - 65]}`;
    case 'box':
      return `[${answer.box.join(', ')}] IoU ≥ ${answer.threshold}`;
  }
}
