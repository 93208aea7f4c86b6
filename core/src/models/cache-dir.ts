import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `MMSKILLS_MODEL_DIR`, else `~/.cache/mmskills/models`: the one model cache of `mmskills model` and the skills. */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.MMSKILLS_MODEL_DIR;
  if (!dir) return join(homedir(), '.cache', 'mmskills', 'models');
  if (dir === '~') return homedir();
  return dir.startsWith('~/') ? join(homedir(), dir.slice(2)) : resolve(dir);
}
