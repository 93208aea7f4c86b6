import { z } from 'zod';

// A file path becomes a path under the model cache, so it may not climb out of it: plain names in
// plain folders (`onnx/model_quantized.onnx`, `tokenizer.json`).
const FilePathSchema = z
  .string()
  .regex(/^(?:[A-Za-z0-9][A-Za-z0-9._-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a relative path of plain names')
  .refine((path) => !path.split('/').includes('..'), 'a path that stays in its folder');

/** One file of a model on the hub; size and sha256 are checked when present. */
export const ModelFileSchema = z.object({
  file: FilePathSchema,
  size: z.number().int().positive().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256')
    .optional(),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

/**
 * A model a skill runs that no npm package ships: `mmskills model pull <name>` downloads its
 * files from `repo` into `<model cache>/<name>/`, keeping the repository's layout, which is the
 * layout `@huggingface/transformers` reads from a local folder.
 */
export const SkillModelSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lowercase letters, digits, dots and dashes'),
  /** The skill that runs it (`ground`, `sam`, …). */
  skill: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  /** The model family the skill's loader expects (`owlv2`, `owlvit`, `slimsam`, `clip`, `lama`, …). */
  family: z.string().min(1),
  repo: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/name on Hugging Face'),
  revision: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default('main'),
  licence: z.string().min(1),
  files: z.array(ModelFileSchema).min(1),
  /** The skill's default model, the one it looks for when the user names none. */
  default: z.boolean().default(false),
  /** Measured resident memory and time per call on CPU, for the README table; absent until measured. */
  cost: z.string().optional(),
});
export type SkillModel = z.infer<typeof SkillModelSchema>;
export type SkillModelInput = z.input<typeof SkillModelSchema>;
