import { connectInMemory } from '@mmskills/skill-kit/testing';
import { describe, expect, it, vi } from 'vitest';
import { createOcrSkill } from '../src/index.js';
import { lanePlan } from '../src/reader/lane-plan.js';
import { documentPage, receiptPage } from './fixtures/pages.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

async function receipt(): Promise<string> {
  const page = receiptPage();
  return dataUri(await renderPage(page.width, page.height, page.lines));
}

/**
 * The 13-line test page sixteen times over, in two columns: about 150 lines, so the recogniser
 * runs for well over a second. The skill reports progress as a heartbeat once a second, and the
 * test cancels at the first one that names a line: with half as many lines, reading sometimes
 * ended between two heartbeats and the call was never cancelled.
 */
async function longPage(): Promise<string> {
  const page = documentPage();
  const lines = Array.from({ length: 16 }, (_, copy) =>
    page.lines.map((line) => ({
      ...line,
      x: line.x + (copy % 2) * page.width,
      y: line.y + Math.floor(copy / 2) * page.height,
    })),
  ).flat();
  return dataUri(await renderPage(page.width * 2, page.height * 8, lines));
}

/**
 * The worker threads running in this process, as Node's diagnostic report lists them (the OS's
 * thread count also moves with libvips's own pool, which sharp grows and shrinks).
 */
const workerCount = () => (process.report.getReport() as { workers: unknown[] }).workers.length;

const firstLines = (result: Record<string, unknown>) =>
  (result.structuredContent as { lines: Array<{ text: string }> }).lines.slice(0, 3).map((line) => line.text);

// The networks run in a worker thread of the skill's process (src/reader/): these are the ways a
// call and the thread meet that a page read from start to end does not show.
describe('the OCR model thread', () => {
  it('stops a cancelled call between recogniser runs, then reads the next page', async () => {
    const skill = createOcrSkill();
    const client = await connectInMemory(skill);
    try {
      const cancel = new AbortController();
      const stages: string[] = [];
      const cancelled = client.callTool(
        { name: 'read_text', arguments: { image: await longPage() } },
        undefined,
        {
          signal: cancel.signal,
          onprogress: ({ message }) => {
            stages.push(message ?? '');
            if (message?.includes('reading line')) cancel.abort(new Error('the user moved on'));
          },
        },
      );
      await expect(cancelled).rejects.toThrow('the user moved on');
      expect(stages).toContainEqual(expect.stringMatching(/reading line \d+ of \d+/));
      const next = await client.callTool({ name: 'read_text', arguments: { image: await receipt() } });
      expect(next.isError).toBeFalsy();
      expect(firstLines(next)).toEqual(['CORNER CAFE', 'Espresso', '2.40']);
    } finally {
      await client.close();
      await skill.unload?.();
    }
  }, 120_000);

  it('ends with an unload, and starts again, models and all, for the next call', async () => {
    const skill = createOcrSkill();
    const client = await connectInMemory(skill);
    try {
      expect(skill.model?.()).toMatchObject({ loaded: false });
      const image = await receipt();
      const first = await client.callTool({ name: 'read_text', arguments: { image } });
      expect(skill.model?.()).toMatchObject({
        loaded: true,
        files: { rec: { rewriteCache: expect.any(String) } },
      });
      await skill.unload?.();
      expect(skill.model?.()).toMatchObject({ loaded: false });
      expect(skill.model?.()).not.toHaveProperty('files.rec.rewriteCache');
      const afterOne = workerCount();
      const again = await client.callTool({ name: 'read_text', arguments: { image } });
      expect(again.structuredContent).toEqual(first.structuredContent);
      expect(skill.model?.()).toMatchObject({ loaded: true });
      const withOneLane = workerCount();
      expect(withOneLane).toBeGreaterThan(afterOne);
      // The other recognition lane opens once the skill is idle.
      if (lanePlan().lanes > 1)
        await vi.waitFor(() => expect(workerCount()).toBeGreaterThan(withOneLane), { timeout: 10_000 });
      // Every model thread ends with the unload, the lanes too: none is left per cycle.
      await skill.unload?.();
      await vi.waitFor(() => expect(workerCount()).toBe(afterOne), { timeout: 10_000 });
    } finally {
      await client.close();
      await skill.unload?.();
    }
  }, 120_000);
});
