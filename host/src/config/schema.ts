import { z } from 'zod';
import { PictureBudgetSchema } from '../agent/pictures-shown.js';
import { ConversationSettingsSchema } from '../conversations/settings.js';
import { SkillServersSchema } from '../pool/server-config.js';

/**
 * Everything the host can be told, from `mmskills.json`, `MMSKILLS_*` variables and flags
 * (flags win over variables, variables over the file).
 */
export const HostConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().default('127.0.0.1'),
  /** Registry base URL, used to pick tools by search when there are many. */
  registry: z.url().optional(),
  /** `llama:…`, `openai:…` or `scripted:…`; absent means no model (the host still serves skills). */
  lmm: z.string().optional(),
  /** Directory to record each finished exchange in (opt-in; for `mmskills data traces`). */
  record: z.string().min(1).optional(),
  /** Skill servers by name; absent means every installed built-in skill. */
  skills: SkillServersSchema.optional(),
  /**
   * Whether the built-in skills run beside `skills`: by default only when `skills` is absent.
   * `mmskills install` sets it to true when it adds the first skill, so the built-ins stay.
   */
  builtins: z.boolean().optional(),
  /** Where conversations are kept and for how long (README "Conversation storage"). */
  conversations: ConversationSettingsSchema.prefault({}),
  agent: z
    .object({
      // Room for a look-again question: zoom, zoom closer, read, answer, with a step to spare.
      maxSteps: z.number().int().min(1).max(32).default(10),
      maxTokens: z.number().int().min(16).default(1024),
      pictures: PictureBudgetSchema.prefault({}),
      tools: z
        .object({
          // Every built-in tool (19 now) is offered; past this many the question picks them.
          maxAll: z.number().int().min(1).default(24),
          topK: z.number().int().min(1).default(8),
          pinned: z.array(z.string()).default([]),
        })
        .prefault({}),
    })
    .prefault({}),
  pool: z
    .object({
      callTimeoutMs: z.number().int().min(100).default(120_000),
      maxConcurrent: z.number().int().min(1).default(4),
      /** First wait before a dead skill process is restarted, or a skill URL that failed is probed again; doubled each try. */
      restartInitialMs: z.number().int().min(10).default(200),
      /** Longest wait between those tries. */
      restartMaxMs: z.number().int().min(10).default(30_000),
      /**
       * Processes per stdio skill by name, built-in skills included (an entry's own `replicas`
       * wins): `{"image": 2}` runs two image processes and spreads calls over them.
       */
      replicas: z
        .record(z.string(), z.number().int().min(1).max(32))
        .default({})
        .describe('processes per stdio skill, by skill name'),
    })
    .prefault({}),
});
export type HostConfig = z.infer<typeof HostConfigSchema>;
export type HostConfigInput = z.input<typeof HostConfigSchema>;
