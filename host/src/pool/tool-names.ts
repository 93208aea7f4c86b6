/** The gateway's name for a skill's tool: `<skill>__<tool>`, with `-` folded to `_` to stay a valid tool name. */
export function qualifiedName(skill: string, tool: string): string {
  return `${skill.replace(/-/g, '_')}__${tool}`;
}

/**
 * Names the agent's model sees: a tool's own name while it is unique across skills, the
 * qualified name for every tool whose name two skills share.
 */
export function agentNames(tools: ReadonlyArray<{ skill: string; tool: string }>): string[] {
  const counts = new Map<string, number>();
  for (const { tool } of tools) counts.set(tool, (counts.get(tool) ?? 0) + 1);
  return tools.map(({ skill, tool }) => ((counts.get(tool) ?? 0) > 1 ? qualifiedName(skill, tool) : tool));
}
