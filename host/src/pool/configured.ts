import type { HostConfig } from '../config/schema.js';
import { builtinSkillServers } from './builtin.js';
import type { SkillServers } from './server-config.js';

/**
 * The skill servers a host config asks for: its `skills`, plus the installed built-in skills when
 * `builtins` is true or `skills` is absent. A configured skill wins over a built-in of its name.
 * A stdio skill named in `pool.replicas` runs that many processes unless its entry says otherwise.
 */
export function configuredSkillServers(
  config: Pick<HostConfig, 'skills' | 'builtins'> & { pool?: Pick<HostConfig['pool'], 'replicas'> },
  builtins: () => SkillServers = builtinSkillServers,
): SkillServers {
  const withBuiltins = config.builtins ?? config.skills === undefined;
  const servers: SkillServers = { ...(withBuiltins ? builtins() : {}), ...config.skills };
  for (const [name, replicas] of Object.entries(config.pool?.replicas ?? {})) {
    const server = servers[name];
    if (server && 'command' in server && server.replicas === undefined)
      servers[name] = { ...server, replicas };
  }
  return servers;
}
