import { z } from 'zod';

const SearchResponseSchema = z.object({
  tools: z.array(z.object({ server: z.object({ name: z.string() }), tool: z.object({ name: z.string() }) })),
});

/**
 * Tool search through the registry's `/v0/tools?q=`. A server name maps to a pool skill by its
 * last segment (`io.github.mmskills/ocr` → `ocr`). Hits for skills the host does not run are left
 * for the caller to drop against its current tools, so a skill installed while the host runs is
 * found as soon as it is there.
 */
export function registrySearch(registryUrl: string) {
  const base = registryUrl.replace(/\/+$/, '');
  return async (question: string, limit: number) => {
    const response = await fetch(
      `${base}/v0/tools?q=${encodeURIComponent(question)}&limit=${Math.min(limit, 50)}`,
      {
        signal: AbortSignal.timeout(3_000),
      },
    );
    if (!response.ok) throw new Error(`registry search answered ${response.status}`);
    const { tools } = SearchResponseSchema.parse(await response.json());
    return tools.map((hit) => ({ skill: hit.server.name.split('/').pop() ?? '', tool: hit.tool.name }));
  };
}
