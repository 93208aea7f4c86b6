import { existsSync, type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from '@mmskills/core';
import { configuredSkillServers } from '../pool/configured.js';
import type { SkillPool } from '../pool/pool.js';
import { loadHostConfig } from './load.js';
import { type HostConfig, HostConfigSchema } from './schema.js';

/** The config file the host reads and watches: `--config`, else `MMSKILLS_CONFIG`, else ./mmskills.json. */
export function hostConfigPath(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } }, strict: false });
  const flag = typeof values.config === 'string' ? values.config : undefined;
  return resolve(cwd, flag ?? env.MMSKILLS_CONFIG ?? 'mmskills.json');
}

async function readSkills(path: string): Promise<Pick<HostConfig, 'skills' | 'builtins' | 'pool'>> {
  // A deleted file means the defaults, as at a start without one.
  if (!existsSync(path)) return HostConfigSchema.parse({});
  return loadHostConfig(['--config', path], {}, dirname(path));
}

/**
 * Watches the host's config file and applies changes to its `skills` and `builtins` to the running
 * pool, as MCP clients do with their server lists: `mmskills install` and `remove` edit the file
 * and the host follows. A file that does not parse is logged and the running skills stay as they
 * are. The folder is watched rather than the file, so atomic replaces and a file created later count.
 */
export function watchSkillConfig(path: string, pool: SkillPool, log: Logger, debounceMs = 150): () => void {
  let timer: NodeJS.Timeout | undefined;
  let applying = Promise.resolve();
  const apply = async () => {
    try {
      const changes = await pool.update(configuredSkillServers(await readSkills(path)));
      if (changes.added.length + changes.removed.length + changes.changed.length > 0) {
        log.info('skills reloaded from the config file', { config: path, ...changes });
      }
    } catch (error) {
      log.warn('config file ignored until it is valid; skills unchanged', {
        config: path,
        error: (error as Error).message,
      });
    }
  };
  const watcher: FSWatcher = watch(dirname(path), (_event, file) => {
    if (file !== basename(path)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      applying = applying.then(apply);
    }, debounceMs);
  });
  watcher.on('error', (error) =>
    log.warn('cannot watch the config file', { config: path, error: error.message }),
  );
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
