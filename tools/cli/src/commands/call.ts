import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SkillServer } from '@mmskills/host';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { builtinLaunch, connectInProcess, type SkillLaunch } from '../in-process/skill-launch.js';
import { installPlaces } from '../install/install-places.js';
import { CliError } from './registry-client.js';

export const CALL_USAGE = `Usage: mmskills call <skill> <tool> [--image path] [--args json] [--out dir] [--config mmskills.json]

<skill> is a built-in skill or one in the host's config file (--config, else MMSKILLS_CONFIG, else
./mmskills.json), e.g. one added by mmskills install; its registry name (io.github.you/x) works too.
Pictures the tool returns are written to --out (default: a new folder under ./mmskills-out), never
over an existing file, and each path is printed.
`;

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};
const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Writes `<tool>-<n>.<ext>` in `folder` with the first n not taken: an earlier result is never overwritten. */
async function writeNew(folder: string, tool: string, ext: string, bytes: Buffer): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (let n = 1; ; n += 1) {
    const file = join(folder, `${tool}-${n}.${ext}`);
    try {
      await writeFile(file, bytes, { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

type StdioServer = Extract<SkillServer, { command: string }>;

// The skills the host would run from this config file, and the built-ins whatever it says. The host
// (and its config schema) is imported only here: a built-in skill run in process needs neither.
async function knownSkills(config: string | undefined) {
  const [{ builtinSkillServers, SkillServersSchema }, { readHostConfigFile }] = await Promise.all([
    import('@mmskills/host'),
    import('../install/host-config-file.js'),
  ]);
  const file = await readHostConfigFile(installPlaces({ config }).config);
  const configured = SkillServersSchema.parse(file.skills ?? {});
  return { servers: { ...builtinSkillServers(), ...configured }, configured };
}

/**
 * A built-in skill that the config file leaves alone runs in this process when its package says how
 * its bin makes it; any other skill (installed, or configured in a built-in's place) is spawned from
 * its entry. A config file that is there is read and checked first, as before.
 */
async function callTarget(
  skill: string,
  config: string | undefined,
): Promise<{ launch: SkillLaunch } | StdioServer> {
  const known = existsSync(installPlaces({ config }).config) ? await knownSkills(config) : undefined;
  const launch = known && Object.hasOwn(known.configured, skill) ? undefined : await builtinLaunch(skill);
  if (launch) return { launch };
  const { servers } = known ?? (await knownSkills(config));
  const server = servers[skill];
  if (!server)
    throw new CliError(`unknown skill "${skill}"; installed: ${Object.keys(servers).join(', ')}`, 2);
  if (!('command' in server))
    throw new CliError(
      `${skill} is served over HTTP (${(server.urls ?? [server.url]).join(', ')}); call runs stdio skills`,
      2,
    );
  return server;
}

async function connectStdio(server: StdioServer): Promise<Client> {
  const [{ Client }, { getDefaultEnvironment, StdioClientTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/stdio.js'),
  ]);
  const client = new Client({ name: 'mmskills-cli', version: '0.1.0' });
  await client.connect(
    new StdioClientTransport({
      command: server.command,
      args: server.args,
      env: { ...getDefaultEnvironment(), ...server.env },
      cwd: server.cwd,
      stderr: 'ignore',
    }),
  );
  return client;
}

/** `mmskills call`: runs one tool of a built-in or installed skill and prints its result; pictures go to files. */
export async function callCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      image: { type: 'string' },
      args: { type: 'string', default: '{}' },
      out: { type: 'string' },
      config: { type: 'string' },
    },
  });
  const [given, tool] = positionals;
  if (!given || !tool) throw new CliError(`call needs a skill and a tool\n${CALL_USAGE}`, 2);
  // The host keys a skill by the last part of its registry name.
  const skill = given.slice(given.lastIndexOf('/') + 1);
  const target = await callTarget(skill, values.config);
  let args: Record<string, unknown>;
  try {
    args = JSON.parse(values.args);
  } catch {
    throw new CliError(`--args is not valid JSON: ${values.args}`, 2);
  }
  if (values.image) {
    const bytes = await readFile(values.image).catch(() => {
      throw new CliError(`cannot read ${values.image}`, 2);
    });
    args.image = `data:${MIME[extname(values.image).toLowerCase()] ?? 'application/octet-stream'};base64,${bytes.toString('base64')}`;
  }
  const client =
    'launch' in target
      ? await connectInProcess(target.launch, tool, process.env)
      : await connectStdio(target);
  try {
    const result = (await client.callTool({ name: tool, arguments: args })) as CallToolResult;
    const folder = values.out ?? join('mmskills-out', `${skill}-${tool}-${stamp(new Date())}`);
    for (const block of result.content) {
      if (block.type === 'text') out(block.text);
      if (block.type === 'image') {
        const file = await writeNew(
          folder,
          tool,
          EXT[block.mimeType] ?? 'bin',
          Buffer.from(block.data, 'base64'),
        );
        out(`wrote ${file}`);
      }
    }
    if (result.structuredContent) out(JSON.stringify(result.structuredContent, null, 2));
    return result.isError ? 1 : 0;
  } catch (error) {
    throw new CliError(`${skill}/${tool}: ${(error as Error).message}`);
  } finally {
    await client.close();
  }
}
