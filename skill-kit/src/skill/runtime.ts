import { availableParallelism } from 'node:os';
import { createLogger, DEFAULT_IMAGE_LIMITS, imageSourcePolicyFromEnv, Semaphore } from '@mmskills/core';
import type { SkillRuntime } from './create-server.js';
import type { SkillDefinition } from './define-skill.js';
import { IdleUnloader, idleUnloadMs } from './idle-unload.js';
import { ImageStore } from './image-store.js';
import { imageBudgetFromEnv } from './result-images.js';

/** The state one skill process shares across its connections, configured from the environment. */
export function createSkillRuntime(
  skill: SkillDefinition,
  env: NodeJS.ProcessEnv = process.env,
  options: { idleUnloadMs?: number } = {},
): SkillRuntime {
  const log = createLogger(`mmskills-${skill.name}`);
  const idleMs = options.idleUnloadMs ?? idleUnloadMs(env.MMSKILLS_IDLE_UNLOAD, 'MMSKILLS_IDLE_UNLOAD');
  return {
    skill,
    policy: imageSourcePolicyFromEnv(env),
    limits: DEFAULT_IMAGE_LIMITS,
    log,
    queue: new Semaphore(Math.min(skill.concurrency ?? 1, availableParallelism())),
    idle: new IdleUnloader({ idleMs, unload: skill.unload, log }),
    budget: imageBudgetFromEnv(env),
    images: new ImageStore(skill.name, imageStoreBytes(env)),
  };
}

// MMSKILLS_IMAGE_STORE_MIB: how much of the pictures it made a skill keeps for links (default 64).
function imageStoreBytes(env: NodeJS.ProcessEnv): number {
  const mebibytes = Number(env.MMSKILLS_IMAGE_STORE_MIB ?? 64);
  if (!Number.isFinite(mebibytes) || mebibytes < 0) {
    throw new Error(
      `MMSKILLS_IMAGE_STORE_MIB must be a number of MiB (0 keeps none), not "${env.MMSKILLS_IMAGE_STORE_MIB}"`,
    );
  }
  return Math.floor(mebibytes * 1024 * 1024);
}
