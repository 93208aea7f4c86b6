import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BUILTIN_SKILLS } from '@mmskills/core';
import { installPlaces, readHostConfigFile, writeHostConfigFile } from '../install/host-config-file.js';
import { checkInstalledSkill, installedBin } from '../install/installed-bin.js';
import { npmInPrefix } from '../install/npm.js';
import { findRegistrySkill } from '../install/registry-skill.js';
import { CliError, registryUrl } from './registry-client.js';

export const INSTALL_USAGE = `Usage: mmskills install <name>[@version] [--registry URL] [--config mmskills.json] [--skills-dir DIR]

Reads the skill's server.json from the registry, installs its npm package into the host's skills
folder (npm install --prefix DIR, from whatever npm registry your npm is configured for), checks
that it starts, and adds it to the host's config file; a running host picks it up from the file.
<name> is the registry name (io.github.you/hello-vision) or its last part (hello-vision).
--config defaults to MMSKILLS_CONFIG or ./mmskills.json, --skills-dir to MMSKILLS_SKILLS_DIR or
.mmskills/skills beside the config file, --registry to MMSKILLS_REGISTRY or http://127.0.0.1:8090.
`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        registry: { type: 'string' },
        config: { type: 'string' },
        'skills-dir': { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${INSTALL_USAGE}`, 2);
  }
}

/** `mmskills install`: registry → npm package in the skills folder → host config entry, or nothing. */
export async function installCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parse(argv);
  const [spec] = positionals;
  if (!spec || positionals.length > 1)
    throw new CliError(`install takes one skill name\n${INSTALL_USAGE}`, 2);
  const places = installPlaces(values);
  const config = await readHostConfigFile(places.config);
  const base = registryUrl(values.registry);
  const skill = await findRegistrySkill(base, spec);
  const key = skill.name.slice(skill.name.lastIndexOf('/') + 1);
  const skills = (config.skills ?? {}) as Record<string, unknown>;
  if (skills[key]) throw new CliError(`${key} is already in ${places.config}; mmskills remove ${key} first`);
  const builtinsOn = (config.builtins as boolean | undefined) ?? config.skills === undefined;
  if (builtinsOn && (BUILTIN_SKILLS as readonly string[]).includes(key)) {
    throw new CliError(
      `${key} is the name of a built-in skill the host runs; it cannot be replaced by install`,
    );
  }

  await mkdir(places.skillsDir, { recursive: true });
  const target = `${skill.npmPackage}@${skill.npmVersion}`;
  await npmInPrefix(places.skillsDir, ['install', '--save-exact', target]);
  let tools: string[];
  try {
    const bin = await installedBin(places.skillsDir, skill.npmPackage, key);
    tools = await checkInstalledSkill(bin, skill.name);
    await writeHostConfigFile(places.config, {
      ...config,
      // The built-ins ran because no skills were listed; keep them running now that one is.
      ...(config.skills === undefined && config.builtins === undefined ? { builtins: true } : {}),
      skills: { ...skills, [key]: { command: process.execPath, args: [bin] } },
    });
  } catch (error) {
    await npmInPrefix(places.skillsDir, ['uninstall', skill.npmPackage]).catch(() => {});
    throw error;
  }
  out(`installed ${skill.name}@${skill.version} (${target}) as ${key}: ${tools.join(', ')}`);
  out(`  ${places.config} lists it; a running host picks it up from the file`);
  return 0;
}
