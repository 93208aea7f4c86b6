import { type SkillHttpProcess, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, tiledPageDataUri } from './cases.js';
import { type ClientKind, connect, type ProgressNote, type Target } from './clients.js';

// One client of each era and SDK: the 2025-06-18 client speaks as the 2025 one does here.
const KINDS: ClientKind[] = ['v2 pinned 2026-07-28', 'v2 default (2025)', 'v1 1.32.2'];
const ocr = CASES.ocr;

/**
 * A slow call in either era hears how it goes: OCR of a page of about 120 lines (several seconds)
 * gets the start report and then a heartbeat about once a second naming the stage, values rising.
 */
describe('progress from a slow call, in both MCP eras', () => {
  let http: SkillHttpProcess;
  let page: string;
  beforeAll(async () => {
    [http, page] = await Promise.all([spawnSkillHttp(ocr.bin, ocr.env), tiledPageDataUri(3, 6)]);
  }, 60_000);
  afterAll(() => http?.stop());

  const targets: Array<[string, () => Target]> = [
    ['Streamable HTTP', () => ({ http: http.url })],
    ['stdio', () => ({ stdio: { args: ocr.bin, env: ocr.env } })],
  ];

  describe.each(targets)('over %s', (_transport, target) => {
    it.each(KINDS)(
      'to a %s client',
      async (kind) => {
        const client = await connect(kind, target());
        try {
          const seen: ProgressNote[] = [];
          const result = await client.callTool('read_text', { image: page }, (note) => seen.push(note));
          expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
          expect((result.structuredContent as { lines: unknown[] }).lines.length).toBeGreaterThan(60);
          expect(seen.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(2);
          expect(seen[0]?.message).toBe('running read_text');
          const values = seen.map((note) => note.progress);
          for (let i = 1; i < values.length; i += 1) expect(values[i]).toBeGreaterThan(values[i - 1] ?? 0);
          for (const beat of seen.slice(1))
            expect(beat.message).toMatch(/^(running read_text|read_text: .+), \d+ s$/);
          expect(seen.map((note) => note.message)).toContainEqual(
            expect.stringMatching(/^read_text: reading line \d+ of \d+, \d+ s$/),
          );
          // The tap saw the same notes (over stdio the SDK may drop one that shares a read with the result).
          expect(client.progressNotes.slice(0, seen.length).map((note) => note.progress)).toEqual(values);
        } finally {
          await client.close();
        }
      },
      180_000,
    );
  });
});
