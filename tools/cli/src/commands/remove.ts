import { parseArgs } from 'node:util';
import { installPlaces, readHostConfigFile, writeHostConfigFile } from '../install/host-config-file.js';
import { packageOfPath } from '../install/installed-bin.js';
import { npmInPrefix } from '../install/npm.js';
import { CliError } from './registry-client.js';

export const REMOVE_USAGE = `Usage: mmskills remove <name> [--config mmskills.json] [--skills-dir DIR]

Takes the skill out of the host's config file (a running host stops it) and uninstalls its npm
package from the skills folder. <name> is its key in the config (hello-vision) or its registry
name (io.github.you/hello-vision). --config and --skills-dir as for mmskills install.
`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { config: { type: 'string' }, 'skills-dir': { type: 'string' } },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${REMOVE_USAGE}`, 2);
  }
}

/** `mmskills remove`: undoes `mmskills install`; if npm fails, the config entry is put back. */
export async function removeCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parse(argv);
  const [name] = positionals;
  if (!name || positionals.length > 1) throw new CliError(`remove takes one skill name\n${REMOVE_USAGE}`, 2);
  const places = installPlaces(values);
  const config = await readHostConfigFile(places.config);
  const key = name.slice(name.lastIndexOf('/') + 1);
  const skills = (config.skills ?? {}) as Record<string, { args?: string[] }>;
  const entry = skills[key];
  if (!entry) throw new CliError(`${key} is not installed: ${places.config} has no skill of that name`);
  const npmPackage = packageOfPath(places.skillsDir, entry.args?.[0] ?? '');
  const { [key]: _removed, ...rest } = skills;
  await writeHostConfigFile(places.config, { ...config, skills: rest });
  if (npmPackage) {
    await npmInPrefix(places.skillsDir, ['uninstall', npmPackage]).catch(async (error: unknown) => {
      await writeHostConfigFile(places.config, config);
      throw error;
    });
  }
  out(
    `removed ${key} from ${places.config}${npmPackage ? ` and ${npmPackage} from ${places.skillsDir}` : ''}`,
  );
  if (!npmPackage) out('  its command was not installed by mmskills install, so no package was uninstalled');
  return 0;
}
