import { availableParallelism } from 'node:os';
import { DEFAULT_IMAGE_LIMITS } from '../image/limits.js';
import { imageSourcePolicyFromEnv } from '../image/source.js';
import { createLogger } from '../logging/logger.js';
import { Semaphore } from './concurrency.js';
import type { SkillRuntime } from './create-server.js';
import type { SkillDefinition } from './define-skill.js';

/** The state one skill process shares across its connections, configured from the environment. */
export function createSkillRuntime(
  skill: SkillDefinition,
  env: NodeJS.ProcessEnv = process.env,
): SkillRuntime {
  return {
    skill,
    policy: imageSourcePolicyFromEnv(env),
    limits: DEFAULT_IMAGE_LIMITS,
    log: createLogger(`mmskills-${skill.name}`),
    queue: new Semaphore(Math.min(skill.concurrency ?? 1, availableParallelism())),
  };
}
