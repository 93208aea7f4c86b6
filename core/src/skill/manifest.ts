import { SERVER_JSON_SCHEMA_URL } from '../manifest/server-json.js';
import type { SkillDefinition } from './define-skill.js';
import { registryNameOf } from './define-skill.js';
import { type ToolDescriptorJson, toolDescriptor } from './tool-descriptor.js';

/**
 * The `server.json` (official MCP registry format) and tool list of a skill: what `--manifest`
 * prints, what the build writes next to the package, and what `mmskills publish` submits.
 */
export function skillManifest(skill: SkillDefinition) {
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
