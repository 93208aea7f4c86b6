import semver from 'semver';
import validateNpmPackageName from 'validate-npm-package-name';
import { z } from 'zod';
import { CliError, errorText, registryJson } from '../commands/registry-client.js';

const NpmPackageSchema = z.object({
  registryType: z.string(),
  identifier: z.string().min(1),
  version: z.string().min(1).optional(),
});
const ServerEntrySchema = z.object({
  server: z.object({
    name: z.string(),
    version: z.string(),
    description: z.string().optional(),
    packages: z.array(NpmPackageSchema).default([]),
  }),
});
const ServerListSchema = z.object({ servers: z.array(ServerEntrySchema) });

/** A published skill version and the npm package that carries it. */
export interface RegistrySkill {
  name: string;
  version: string;
  npmPackage: string;
  npmVersion: string;
}

/** A registry name as given (`io.github.x/name`), or the one published skill a bare `name` ends with. */
export async function fullName(base: string, name: string): Promise<string> {
  if (name.includes('/')) return name;
  const { status, body } = await registryJson<unknown>(
    base,
    `/v0/servers?search=${encodeURIComponent(name)}&limit=100`,
  );
  const list = ServerListSchema.safeParse(body);
  if (status !== 200 || !list.success)
    throw new CliError(`the registry at ${base} answered ${status} to a search`);
  const names = [...new Set(list.data.servers.map((entry) => entry.server.name))].filter((found) =>
    found.endsWith(`/${name}`),
  );
  if (names.length === 0)
    throw new CliError(`unknown skill ${name}: nothing of that name in the registry at ${base}`);
  if (names.length > 1) throw new CliError(`${name} is ambiguous; say which: ${names.join(', ')}`);
  return names[0] as string;
}

/** Reads a skill's server.json from the registry and picks its npm package. */
export async function findRegistrySkill(base: string, spec: string): Promise<RegistrySkill> {
  const at = spec.lastIndexOf('@');
  const [given, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, 'latest'];
  const name = await fullName(base, given);
  const path = `/v0/servers/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
  const { status, body } = await registryJson<unknown>(base, path);
  if (status === 404) {
    throw new CliError(
      `unknown skill ${name}${version === 'latest' ? '' : `@${version}`} in the registry at ${base}: ${errorText(body)}`,
    );
  }
  const entry = ServerEntrySchema.safeParse(body);
  if (status !== 200 || !entry.success) {
    throw new CliError(
      `the registry at ${base} answered ${status} for ${name}@${version}: ${errorText(body)}`,
    );
  }
  const { server } = entry.data;
  const npm = server.packages.find((item) => item.registryType === 'npm');
  if (!npm) throw new CliError(`${server.name}@${server.version} has no npm package to install`);
  const npmVersion = npm.version ?? server.version;
  // What the registry says reaches npm's command line: only a package name and an exact version
  // may, never a URL, a path, a git spec or an option.
  const checked = validateNpmPackageName(npm.identifier);
  if (!checked.validForNewPackages || npm.identifier.startsWith('-'))
    throw new CliError(
      `${server.name}@${server.version} names ${JSON.stringify(npm.identifier)} as its npm package, which is not an npm package name; nothing was installed`,
    );
  if (semver.valid(npmVersion) !== npmVersion)
    throw new CliError(
      `${server.name}@${server.version} names npm version ${JSON.stringify(npmVersion)}, which is not an exact semver version; nothing was installed`,
    );
  return { name: server.name, version: server.version, npmPackage: npm.identifier, npmVersion };
}
