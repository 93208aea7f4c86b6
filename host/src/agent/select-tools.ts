import type { PoolTool } from '../pool/pool.js';

export interface ToolSelectionOptions {
  /** Up to this many tools, all of them go into the prompt. */
  maxAll: number;
  /** Past `maxAll`, this many tools are chosen for the question. */
  topK: number;
  /** Tools always offered, by agent name. */
  pinned: string[];
  /** Ranked search, e.g. the registry's `/v0/tools?q=`; returns skill and tool names. */
  search?: (question: string, limit: number) => Promise<Array<{ skill: string; tool: string }>>;
  /** Told when the search fails and the local ranking stands in, so the fault is not silent. */
  onSearchError?: (error: Error) => void;
}

/**
 * The tools offered for one question: all when few, else top-k by search plus pinned ones.
 * Without a search service (or when it fails) a local word-overlap ranking stands in.
 * The chosen tools come back pinned first, then in catalogue order, never in rank order: the
 * prompt lists them in this order, and a stable order lets two questions' prompts share a longer
 * prefix, so the model's KV cache of it is reused (issue 5).
 */
export async function selectTools(
  all: readonly PoolTool[],
  question: string,
  options: ToolSelectionOptions,
): Promise<PoolTool[]> {
  if (all.length <= options.maxAll) return [...all];
  let ranked: PoolTool[] = [];
  if (options.search) {
    try {
      const hits = await options.search(question, options.topK * 2);
      // Hits for skills the host does not run (now) are dropped here, against the current tools.
      ranked = hits.flatMap((hit) =>
        all.filter((entry) => entry.skill === hit.skill && entry.tool.name === hit.tool),
      );
    } catch (error) {
      options.onSearchError?.(error as Error);
      ranked = [];
    }
  }
  if (ranked.length === 0) ranked = rankLocally(all, question);
  const chosen = new Map<string, PoolTool>();
  for (const entry of all) if (options.pinned.includes(entry.name)) chosen.set(entry.name, entry);
  for (const entry of ranked) {
    if (chosen.size >= options.topK + options.pinned.length) break;
    chosen.set(entry.name, entry);
  }
  const pinned = all.filter((entry) => options.pinned.includes(entry.name));
  return [
    ...pinned,
    ...all.filter((entry) => chosen.has(entry.name) && !options.pinned.includes(entry.name)),
  ];
}

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 2),
  );
}

function rankLocally(all: readonly PoolTool[], question: string): PoolTool[] {
  const asked = words(question);
  const scored = all.map((entry) => {
    const text = words(
      `${entry.name.replace(/_/g, ' ')} ${entry.tool.title ?? ''} ${entry.tool.description ?? ''}`,
    );
    let score = 0;
    for (const word of asked) if (text.has(word)) score += 1;
    return { entry, score };
  });
  return scored.sort((a, b) => b.score - a.score).map((item) => item.entry);
}
