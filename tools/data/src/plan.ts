import { type ToolExample, toolExamplesOf } from '@mmskills/core';
import type { PoolTool } from '@mmskills/host';
import { CHAINS, type Chain } from './chains.js';
import type { ImageFile } from './image-files.js';
import { NO_TOOL_REQUESTS, type NoToolRequest } from './no-tool.js';
import type { Random } from './prng.js';

/** One sample to try to make: its id is stable, so a seed always picks the same tasks. */
export type Task = { id: string; image: ImageFile } & (
  | { kind: 'tool'; tool: PoolTool; example: ToolExample }
  | { kind: 'chain'; chain: Chain; request: string }
  | { kind: 'none'; request: NoToolRequest }
);

/** Shares of a generated set; single-tool samples take the rest. */
const SHARES = { none: 0.15, chain: 0.25 } as const;

/** Every task the images, tools and recipes allow, in a fixed order. */
export function allTasks(images: readonly ImageFile[], tools: readonly PoolTool[]): Task[] {
  const names = new Set(tools.map((entry) => entry.tool.name));
  const sorted = [...tools].sort((a, b) => a.name.localeCompare(b.name));
  const chains = CHAINS.filter((chain) => chain.tools.every((tool) => names.has(tool)));
  return images.flatMap((image): Task[] => [
    ...sorted.flatMap((tool) =>
      toolExamplesOf(tool.tool).map((example, n) => ({
        id: `${image.name}:tool:${tool.name}:${n}`,
        image,
        kind: 'tool' as const,
        tool,
        example,
      })),
    ),
    ...chains.flatMap((chain) =>
      chain.requests.map((request, n) => ({
        id: `${image.name}:chain:${chain.id}:${n}`,
        image,
        kind: 'chain' as const,
        chain,
        request,
      })),
    ),
    ...NO_TOOL_REQUESTS.map((request, n) => ({
      id: `${image.name}:none:${n}`,
      image,
      kind: 'none' as const,
      request,
    })),
  ]);
}

/**
 * Orders the tasks to try: first a mix with the chosen shares of no-tool and chain samples (each
 * kind shuffled by `random`), then every other task as a reserve for samples a tool refuses.
 */
export function orderTasks(tasks: readonly Task[], count: number, random: Random): Task[] {
  const byKind = (kind: Task['kind']) => random.shuffle(tasks.filter((task) => task.kind === kind));
  const none = byKind('none');
  const chain = byKind('chain');
  const tool = byKind('tool');
  const wantNone = Math.min(none.length, count >= 4 ? Math.max(1, Math.round(count * SHARES.none)) : 0);
  const wantChain = Math.min(chain.length, count >= 3 ? Math.max(1, Math.round(count * SHARES.chain)) : 0);
  const wantTool = Math.min(tool.length, count - wantNone - wantChain);
  const first = [...none.slice(0, wantNone), ...chain.slice(0, wantChain), ...tool.slice(0, wantTool)];
  const rest = [...tool.slice(wantTool), ...chain.slice(wantChain), ...none.slice(wantNone)];
  return [...random.shuffle(first), ...rest];
}
