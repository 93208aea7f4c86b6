import { connectInMemory } from '@mmskills/skill-kit/testing';
import { describe, expect, it } from 'vitest';
import { createOcrSkill } from '../src/index.js';
import { documentPage } from './fixtures/pages.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

/** The 13-line test page sixteen times, in two columns of eight: seconds of reading even on a fast machine. */
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

describe('read_text progress', () => {
  it('tells a client that asked what it is doing, stage by stage, about once a second', async () => {
    // A skill of its own: its first call also loads the models.
    const client = await connectInMemory(createOcrSkill());
    try {
      const seen: Array<{ progress: number; message?: string }> = [];
      const result = await client.callTool(
        { name: 'read_text', arguments: { image: await longPage() } },
        undefined,
        {
          onprogress: (note) => seen.push(note),
        },
      );
      expect(result.isError).toBeFalsy();
      expect(seen[0]).toEqual({ progress: 0, message: 'running read_text' });
      const beats = seen.slice(1).map((note) => note.message);
      expect(beats.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(1);
      const stages =
        /^read_text: (loading the OCR models|finding lines of text|reading line \d+ of \d+|checking \d+ unsure lines? for upside-down text|reading upside-down line \d+ of \d+ again), \d+ s$/;
      for (const beat of beats) expect(beat).toMatch(stages);
      expect(beats).toContainEqual(expect.stringMatching(/^read_text: reading line \d+ of \d+, \d+ s$/));
    } finally {
      await client.close();
    }
  }, 120_000);
});
