import { pageDataUri, renderTextPage } from '@mmskills/image/testing';
import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrSkill, type ReadTextOutput } from '../src/index.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

const SLOW = 180_000;

let client: Client;

beforeAll(async () => {
  client = await connectInMemory(ocrSkill, { ...process.env });
});

afterAll(async () => {
  await client.close();
});

describe('read_text on small and blurred type', () => {
  it(
    'reads straight quotes and apostrophes as straight ones, not curly',
    async () => {
      const sentences = [
        `"Market value" rose, and the "budget" for this "quarter" was "reviewed" twice.`,
        `She said "yes" to the "plan" and Chen's "report" was sent on "Monday" morning.`,
        `The "summary" and the "results" are in the "appendix" of the "final" draft.`,
      ];
      const lines = sentences.flatMap((text, i) =>
        ['DejaVu Sans', 'DejaVu Serif'].map((font, j) => ({
          text,
          x: 10,
          y: 20 + (i * 2 + j) * 20,
          font,
          size: 11,
        })),
      );
      const image = dataUri(await renderPage(500, 150, lines));
      const result = await client.callTool({ name: 'read_text', arguments: { image } });
      expect(result.isError, textOf(result)).toBeFalsy();
      const { text } = result.structuredContent as ReadTextOutput;
      // Read alone, the Chinese recogniser's marks came back mixed: `“budget"`, `Chen’s`.
      expect(text).not.toMatch(/[“”‘’]/u);
      const drawn = sentences.join('').split('"').length - 1;
      expect(text.split('"').length - 1).toBeGreaterThanOrEqual(drawn * 2 - 4);
      expect(text).toContain("Chen's");
    },
    SLOW,
  );

  it(
    'reads a line of a blurred, noisy, turned photo of a page as printed',
    async () => {
      const page = await renderTextPage('photo', 0);
      const result = await client.callTool({ name: 'read_text', arguments: { image: pageDataUri(page) } });
      expect(result.isError, textOf(result)).toBeFalsy();
      const { lines } = result.structuredContent as ReadTextOutput;
      // With 0.15 of the line's height above and below, its text was smaller in the recogniser's
      // 48 rows and came back as `… 482 gowth ll report not after which 500 9//010`.
      expect(lines.map((line) => line.text)).toContain(
        'Data above and 7516 review 3482 growth fill report, not after which 5002 9/2/2010',
      );
    },
    SLOW,
  );
});
