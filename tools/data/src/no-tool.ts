import type { PoolTool } from '@mmskills/host';

/** A request the model should answer without a tool, with a true answer built from the tool list. */
export interface NoToolRequest {
  request: string;
  thoughts: string;
  answer(tools: readonly PoolTool[]): string;
}

/**
 * No-tool samples teach the model when not to call anything. Their answers are facts about the
 * host itself (its tools, its handles), never invented facts about the picture.
 */
export const NO_TOOL_REQUESTS: readonly NoToolRequest[] = [
  {
    request: 'What can you do with this picture?',
    thoughts: 'This asks about my abilities, not about the picture; no tool is needed.',
    answer: (tools) =>
      `I can use these tools on it: ${[...tools]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((entry) => `${entry.name} (${entry.tool.title ?? entry.tool.name})`)
        .join(', ')}. Ask me a question about the picture and I will pick the right one.`,
  },
  {
    request: 'Hello! Are you there?',
    thoughts: 'A greeting; it needs no tool.',
    answer: () => 'Hello! Ask me anything about image_1 and I will use my tools to answer.',
  },
  {
    request: "Thanks, that's all for now.",
    thoughts: 'The user is done; no tool is needed.',
    answer: () => "You're welcome! Send another picture or question whenever you like.",
  },
  {
    request: 'Which handle refers to this picture?',
    thoughts: 'Handles are part of the conversation itself; no tool is needed.',
    answer: () =>
      'This picture is image_1; pictures my tools return get the next handles (image_2, image_3, …).',
  },
];
