import { z } from 'zod';

/** How to reach one skill: a command to spawn (stdio) or a Streamable HTTP URL, as MCP clients' `mcpServers` say it. */
export const SkillServerSchema = z.union([
  z.object({
    command: z.string().min(1).describe('program to spawn; MCP over its stdio'),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    cwd: z.string().optional(),
  }),
  z.object({
    url: z.url().describe('Streamable HTTP endpoint, e.g. http://127.0.0.1:9001/mcp'),
    headers: z.record(z.string(), z.string()).default({}),
  }),
]);
export type SkillServer = z.infer<typeof SkillServerSchema>;

export const SkillServersSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'skill names are kebab-case'),
  SkillServerSchema,
);
export type SkillServers = z.infer<typeof SkillServersSchema>;
