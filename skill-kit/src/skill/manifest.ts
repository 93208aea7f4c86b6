import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SERVER_JSON_SCHEMA_URL } from '@mmskills/core';
import type { SkillDefinition } from './define-skill.js';
import { registryNameOf } from './define-skill.js';
import { type ToolDescriptorJson, toolDescriptor } from './tool-descriptor.js';

/**
 * The `server.json` (official MCP registry format) and tool list of a skill: what `--manifest`
 * prints, what the build writes next to the package, and what `mmskills publish` submits.
 */
export function skillManifest(skill: SkillDefinition) {
  // No `icons` here: the official server.json takes https URLs only, and a skill's icons are data:
  // URIs (a client may reach no URL of ours). Clients get them in serverInfo and in the tool list.
  const server = {
    $schema: SERVER_JSON_SCHEMA_URL,
    name: registryNameOf(skill),
    title: skill.title,
    description: skill.description,
    version: skill.version,
    ...(skill.websiteUrl ? { websiteUrl: skill.websiteUrl } : {}),
    packages: [
      {
        registryType: 'npm' as const,
        identifier: skill.packageName,
        version: skill.version,
        runtimeHint: 'npx',
        transport: { type: 'stdio' as const },
      },
    ],
  };
  const tools: ToolDescriptorJson[] = skill.tools.map(toolDescriptor);
  return { server, tools };
}

/** Writes `server.json` and `tools.json` into a package folder; the build of every skill runs this. */
export async function writeManifest(skill: SkillDefinition, dir: string): Promise<void> {
  const { server, tools } = skillManifest(skill);
  await writeFile(join(dir, 'server.json'), `${JSON.stringify(server, null, 2)}\n`);
  await writeFile(join(dir, 'tools.json'), `${JSON.stringify(tools, null, 2)}\n`);
}
