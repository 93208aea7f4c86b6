import type { BuiltinSkill } from '@mmskills/core';
import {
  createSkillRuntime,
  createSkillServer,
  type SkillDefinition,
  type SkillFlag,
  type SkillFlagValues,
} from '@mmskills/skill-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';

/** How a skill's bin makes the skill: its own flags (each also an environment variable) and the factory. */
export interface SkillLaunch {
  flags: Record<string, SkillFlag>;
  create: (flags: SkillFlagValues) => SkillDefinition;
}

/**
 * The built-in skills whose package exports its bin's launch, so `mmskills call` can run the tool
 * in its own process instead of starting a second one. The others are spawned as before.
 */
const LAUNCHES: Partial<Record<BuiltinSkill, () => Promise<SkillLaunch>>> = {
  ocr: async () => (await import('@mmskills/skill-ocr')).ocrLaunch,
};

/** The launch of a built-in skill that can run in this process; undefined where it must be spawned. */
export async function builtinLaunch(skill: string): Promise<SkillLaunch | undefined> {
  const load = LAUNCHES[skill as BuiltinSkill];
  if (!load) return undefined;
  try {
    return await load();
  } catch {
    // The package is not installed: the host's list of built-ins leaves it out too.
    return undefined;
  }
}

// A skill's bin writes its log to a stderr that `mmskills call` ignores; in process it stays quiet too.
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * An MCP client connected to the skill in this process through the SDK's in-memory pair: the same
 * server the bin runs (tool list, argument checks, image policy, errors), made as the bin makes it
 * from `env` (its flags' environment variables, file roots, URL policy), without a second process.
 */
export async function connectInProcess(
  launch: SkillLaunch,
  tool: string,
  env: NodeJS.ProcessEnv,
): Promise<Client> {
  // As runSkill reads a flag given nowhere on the command line: from its environment variable.
  const flags = Object.fromEntries(
    Object.entries(launch.flags).map(([name, flag]) => [name, flag.env ? env[flag.env] : undefined]),
  );
  const skill = launch.create(flags);
  // The call is about to need the models: start opening them while the picture is read and
  // decoded. A failure here is left to the call, which loads again and reports it as the bin would.
  if (skill.tools.some((known) => known.name === tool)) skill.load?.().catch(() => undefined);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createSkillServer({ ...createSkillRuntime(skill, env), log: quiet }).connect(serverSide);
  const client = new Client({ name: 'mmskills-cli', version: '0.1.0' });
  await client.connect(clientSide);
  return client;
}
