import { z } from 'zod';
import { SkillGeneratorError } from './errors.js';

export const MAX_NAME = 40;
export const DEFAULT_DESCRIPTION =
  'Describes an image’s colours: its size, mean colour and dominant colours.';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** What `nx g @mmskills/nx:skill` and `mmskills new` accept (schema.json says the same for nx's prompt). */
export const SkillOptionsSchema = z.object({
  name: z.string({ error: 'the generator needs a skill name' }).superRefine((name, context) => {
    if (!NAME.test(name) || name.length > MAX_NAME) {
      context.addIssue({
        code: 'custom',
        message:
          `"${name}" is not a skill name: use kebab-case (lower-case letters and digits, words joined by ` +
          `single hyphens, starting with a letter), at most ${MAX_NAME} characters, e.g. colour-stats`,
      });
    }
  }),
  directory: z.string().min(1).default('skills'),
  namespace: z
    .string()
    .regex(
      /^[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/,
      '--namespace is reverse-DNS, like io.github.alice (the namespace your publisher token owns)',
    )
    .default('io.github.mmskills'),
  description: z
    .string()
    .default(DEFAULT_DESCRIPTION)
    .transform((text) => text.trim())
    .refine((text) => text !== '' && text.length <= 100 && !/\p{Cc}/u.test(text), {
      message: '--description must be one line of 1 to 100 characters (it becomes server.json’s)',
    }),
});
export type SkillOptions = z.input<typeof SkillOptionsSchema>;
export type NormalizedSkillOptions = z.output<typeof SkillOptionsSchema>;

export function normalizeOptions(options: SkillOptions): NormalizedSkillOptions {
  const parsed = SkillOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new SkillGeneratorError(
      'invalid-option',
      parsed.error.issues.map((issue) => issue.message).join('; '),
    );
  }
  return parsed.data;
}

// skill.ts must come out as biome formats it: single quotes unless that needs more escapes, and the
// value on a line of its own when `  description: …,` does not fit in 110 columns.
export function descriptionProperty(text: string): string {
  const quote = (text.match(/'/g)?.length ?? 0) > (text.match(/"/g)?.length ?? 0) ? '"' : "'";
  const literal = `${quote}${text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
  return `  description: ${literal},`.length > 110
    ? `description:\n    ${literal}`
    : `description: ${literal}`;
}
