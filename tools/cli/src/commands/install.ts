import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_SKILLS, ServerJsonSchema } from '@mmskills/core';
import { installPlaces, readHostConfigFile, writeHostConfigFile } from '../install/host-config-file.js';
import { checkInstalledSkill, installedBin } from '../install/installed-bin.js';
import { installLocalPackage, localPackage } from '../install/local-package.js';
import { npmInPrefix } from '../install/npm.js';
import { findRegistrySkill } from '../install/registry-skill.js';
import { parseCommandArgs } from './parse-options.js';
import { CliError, registryUrl } from './registry-client.js';

export const INSTALL_USAGE = `Usage: mmskills install <name>[@version] | <folder> | <file.tgz> [--registry URL] [--config mmskills.json] [--skills-dir DIR]

Installs a skill package into the host's skills folder, checks that it starts, and adds it to the
host's config file; a running host picks it up from the file. The package comes from:
  <name>      the registry (io.github.you/hello-vision, or its last part hello-vision): its
              server.json names an npm package, which npm installs from the npm registry your npm
              is configured for (npm config get registry)
  <folder>    a skill package folder on this machine, built (npm run build in it), packed as
              npm publish would pack it
  <file.tgz>  a tarball made by npm pack
--config defaults to MMSKILLS_CONFIG or ./mmskills.json, --skills-dir to MMSKILLS_SKILLS_DIR or
.mmskills/skills beside the config file, --registry to MMSKILLS_REGISTRY or http://127.0.0.1:8090.
`;

const parse = (argv: string[]) =>
  parseCommandArgs(
    argv,
    { registry: { type: 'string' }, config: { type: 'string' }, 'skills-dir': { type: 'string' } },
    INSTALL_USAGE,
  );

/** The installed package's server.json: the registry name and version it says it serves. */
async function installedServer(skillsDir: string, npmPackage: string) {
  const file = join(skillsDir, 'node_modules', npmPackage, 'server.json');
  const parsed = ServerJsonSchema.safeParse(JSON.parse(await readFile(file, 'utf8').catch(() => 'null')));
  if (!parsed.success)
    throw new CliError(`${npmPackage} has no valid server.json: it is not a skill package`);
  return { name: parsed.data.name, version: parsed.data.version };
}

/** `mmskills install`: a skill package (registry, folder or tarball) → the skills folder → the host config, or nothing. */
export async function installCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parse(argv);
  const [spec] = positionals;
  if (!spec || positionals.length > 1)
    throw new CliError(`install takes one skill name, folder or tarball\n${INSTALL_USAGE}`, 2);
  const places = installPlaces(values);
  const config = await readHostConfigFile(places.config);
  const skills = (config.skills ?? {}) as Record<string, unknown>;
  const builtinsOn = (config.builtins as boolean | undefined) ?? config.skills === undefined;
  // The host keys a skill by the last part of its registry name.
  const refuseKey = (name: string) => {
    const key = name.slice(name.lastIndexOf('/') + 1);
    if (skills[key])
      throw new CliError(`${key} is already in ${places.config}; mmskills remove ${key} first`);
    if (builtinsOn && (BUILTIN_SKILLS as readonly string[]).includes(key))
      throw new CliError(
        `${key} is the name of a built-in skill the host runs; it cannot be replaced by install`,
      );
    return key;
  };

  const local = localPackage(spec);
  await mkdir(places.skillsDir, { recursive: true });
  let npmPackage: string;
  let label: string;
  // The skill the package must serve: the one the registry named, else the package's own server.json.
  let expected: { name: string; version: string } | undefined;
  if (local) {
    npmPackage = await installLocalPackage(places.skillsDir, local);
    label = local.path;
  } else {
    const base = registryUrl(values.registry);
    const skill = await findRegistrySkill(base, spec);
    refuseKey(skill.name);
    expected = skill;
    npmPackage = skill.npmPackage;
    label = `${skill.npmPackage}@${skill.npmVersion}`;
    await npmInPrefix(places.skillsDir, ['install', '--save-exact', label]).catch((error: CliError) => {
      if (!/\bE404\b|404 Not Found/.test(error.message)) throw error;
      throw new CliError(
        `${skill.name}@${skill.version} is in the registry, but its npm package ${label} is not on your npm registry ` +
          `(${error.message.replace(/^npm install failed: /, '')}). Publish the package there (npm publish --registry ` +
          'with your private npm registry, see the README), or install it from its folder or npm pack tarball: ' +
          'mmskills install ./path/to/skill',
      );
    });
  }
  let summary: string;
  try {
    const { name, version } = expected ?? (await installedServer(places.skillsDir, npmPackage));
    const key = expected ? name.slice(name.lastIndexOf('/') + 1) : refuseKey(name);
    const bin = await installedBin(places.skillsDir, npmPackage, key);
    const tools = await checkInstalledSkill(bin, name);
    await writeHostConfigFile(places.config, {
      ...config,
      // The built-ins ran because no skills were listed; keep them running now that one is.
      ...(config.skills === undefined && config.builtins === undefined ? { builtins: true } : {}),
      skills: { ...skills, [key]: { command: process.execPath, args: [bin] } },
    });
    summary = `installed ${name}@${version} (${label}) as ${key}: ${tools.join(', ')}`;
  } catch (error) {
    await npmInPrefix(places.skillsDir, ['uninstall', npmPackage]).catch(() => {});
    throw error;
  }
  out(summary);
  out(`  ${places.config} lists it; a running host picks it up from the file`);
  return 0;
}
