import { z } from 'zod';

const StdioServerSchema = z.object({
  command: z.string().min(1).describe('program to spawn; MCP over its stdio'),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().optional(),
  replicas: z
    .number()
    .int()
    .min(1)
    .max(32)
    .optional()
    .describe('how many processes of the skill to run; calls are spread over them (default 1)'),
});

const Headers = z.record(z.string(), z.string()).default({});
// `url` and `urls` together would leave one unused without a word.
const absent = (other: string) =>
  z.never({ error: `an HTTP skill has either \`url\` or \`urls\`, not ${other} too` }).optional();

const HttpServerSchema = z.object({
  url: z.url().describe('Streamable HTTP endpoint, e.g. http://127.0.0.1:9001/mcp'),
  urls: absent('urls'),
  headers: Headers,
});

const HttpReplicasSchema = z.object({
  urls: z
    .array(z.url())
    .min(1)
    .max(32)
    .describe('several endpoints of the same skill (replicas); calls are spread over them'),
  url: absent('url'),
  headers: Headers,
});

/**
 * How to reach one skill: a command to spawn (stdio) or a Streamable HTTP URL, as MCP clients'
 * `mcpServers` say it; several processes (`replicas`) or several URLs (`urls`) make it replicated.
 */
export const SkillServerSchema = z.union([StdioServerSchema, HttpServerSchema, HttpReplicasSchema]);
export type SkillServer = z.infer<typeof SkillServerSchema>;

export const SkillServersSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'skill names are kebab-case'),
  SkillServerSchema,
);
export type SkillServers = z.infer<typeof SkillServersSchema>;

/** One process or one URL: what a single connection reaches. */
export type SkillEndpoint =
  | Omit<z.infer<typeof StdioServerSchema>, 'replicas'>
  | { url: string; headers: Record<string, string> };

/** The endpoints of a skill entry: `replicas` copies of its command, or each of its URLs. */
export function skillEndpoints(server: SkillServer): SkillEndpoint[] {
  if ('command' in server) {
    const { replicas = 1, ...command } = server;
    return Array.from({ length: replicas }, () => command);
  }
  const urls = server.urls ?? [server.url];
  return urls.map((url) => ({ url, headers: server.headers }));
}
