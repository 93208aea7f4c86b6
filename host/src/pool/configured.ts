import type { HostConfig } from '../config/schema.js';
import { builtinSkillServers } from './builtin.js';
import type { SkillServers } from './server-config.js';

/**
 * The skill servers a host config asks for: its `skills`, plus the installed built-in skills when
 * `builtins` is true or `skills` is absent. A configured skill wins over a built-in of its name.
 */
export function configuredSkillServers(
  config: Pick<HostConfig, 'skills' | 'builtins'>,
  builtins: () => SkillServers = builtinSkillServers,
): SkillServers {
  const withBuiltins = config.builtins ?? config.skills === undefined;
  return { ...(withBuiltins ? builtins() : {}), ...config.skills };
}
