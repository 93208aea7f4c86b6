import { z } from 'zod';

/**
 * A backend chosen on the command line (`--lmm`):
 * `llama:<model.gguf>[,mmproj=<file>][,gpu=auto|vulkan|cpu][,ctx=4096][,threads=N][,seed=N]`,
 * `openai:<base-url>[,model=<id>][,key-env=<VAR>][,timeout=<seconds>]` or `scripted:<turns.json>`.
 */
export const LmmSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('llama'),
    model: z.string().min(1),
    mmproj: z.string().optional(),
    gpu: z.enum(['auto', 'vulkan', 'cpu']).default('auto'),
    ctx: z.coerce.number().int().min(256).default(8192),
    threads: z.coerce.number().int().min(1).optional(),
    seed: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  }),
  z.object({
    kind: z.literal('openai'),
    baseUrl: z.url(),
    model: z.string().optional(),
    keyEnv: z.string().optional(),
    /** Seconds one model call may take in all (default 300). */
    timeout: z.coerce.number().positive().optional(),
  }),
  z.object({ kind: z.literal('scripted'), path: z.string().min(1) }),
]);
export type LmmSpec = z.infer<typeof LmmSpecSchema>;

const OPTION_KEYS: Record<LmmSpec['kind'], Record<string, string>> = {
  llama: { mmproj: 'mmproj', gpu: 'gpu', ctx: 'ctx', threads: 'threads', seed: 'seed' },
  openai: { model: 'model', 'key-env': 'keyEnv', timeout: 'timeout' },
  scripted: {},
};

/** Parses an `--lmm` value; errors name what was wrong and show the accepted forms. */
export function parseLmmSpec(spec: string): LmmSpec {
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon) as LmmSpec['kind'];
  if (colon < 0 || !(kind in OPTION_KEYS)) {
    throw new TypeError(
      `--lmm "${spec}": expected llama:<model.gguf>[,mmproj=…], openai:<base-url>[,model=…] or scripted:<turns.json>`,
    );
  }
  // URLs contain commas only in odd cases; options always follow the first comma after the target.
  const [target = '', ...options] = spec.slice(colon + 1).split(',');
  const fields: Record<string, string> = {};
  for (const option of options) {
    const [key = '', value] = option.split('=', 2);
    const field = OPTION_KEYS[kind][key];
    if (!field || value === undefined) {
      throw new TypeError(
        `--lmm ${kind}: unknown option "${key}"; known: ${Object.keys(OPTION_KEYS[kind]).join(', ') || 'none'}`,
      );
    }
    fields[field] = value;
  }
  const targetField = kind === 'llama' ? 'model' : kind === 'openai' ? 'baseUrl' : 'path';
  const parsed = LmmSpecSchema.safeParse({ kind, [targetField]: target, ...fields });
  if (!parsed.success) {
    throw new TypeError(
      `--lmm "${spec}": ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
