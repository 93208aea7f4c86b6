import type { ToolDescriptor } from '@mmskills/core';
import { describe, expect, it } from 'vitest';
import type { RegistryStore } from '../src/store/store.js';
import type { ToolSearchKind } from '../src/store/tool-search.js';
import { ocrTools, serverJson, tool } from './fixtures.js';

const vehicleTools: ToolDescriptor[] = [
  tool('detect_vehicles', 'Finds cars, buses and bikes in a photo.', { image: 'the photo' }),
  tool('track_vehicles', 'Follows vehicles across video frames.', { cars: 'which cars to follow' }),
  tool('count_cars', 'Counts vehicles in a street photo.', { image: 'the photo' }),
];

// Query syntax of FTS5 and tsquery, LIKE wildcards and SQL: all must be taken as plain words.
const HOSTILE = ['"', '*', '(', ')', '-', ':', "'", '%', '_', '\\', '^', 'NEAR', 'AND', 'OR', 'NOT'];
const WITH_WORDS = [
  '"cars',
  'cars*',
  '(cars',
  '-cars',
  'cars:',
  "car's",
  'cars%',
  'NEAR(cars)',
  'cars AND',
  'title:cars',
  'cars OR NOT',
  '"); DROP TABLE tools; --cars',
];

/**
 * The tool-search cases of the store contract, run against every engine on every store.
 * `store()` is the suite's fresh store; `reopen` opens another store on its database.
 */
export function toolSearchCases(
  store: () => RegistryStore,
  reopen: (toolSearch: ToolSearchKind) => Promise<RegistryStore>,
) {
  const t = (minute: number) => `2026-11-26T11:${String(minute).padStart(2, '0')}:00.000Z`;
  const names = (hits: { tool: ToolDescriptor }[]) => hits.map((hit) => hit.tool.name);

  describe('tool search', () => {
    it('ranks a name match above a description match above a parameter match', async () => {
      await store().publish({
        server: serverJson('io.github.v/cars', '1.0.0'),
        tools: vehicleTools,
        now: t(1),
      });
      expect(names(await store().searchTools('cars', 10))).toEqual([
        'count_cars',
        'detect_vehicles',
        'track_vehicles',
      ]);
      // Words of three letters or more match as prefixes; shorter ones only whole.
      expect(names(await store().searchTools('car', 10))[0]).toBe('count_cars');
      expect(await store().searchTools('ca', 10)).toEqual([]);
      // Tools with every query word come before tools with some.
      expect(names(await store().searchTools('count the vehicles', 10))[0]).toBe('count_cars');
      const scores = (await store().searchTools('vehicles', 10)).map((hit) => hit.score);
      expect(scores.every((score) => Number.isFinite(score))).toBe(true);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('takes query syntax and special characters as plain words', async () => {
      await store().publish({
        server: serverJson('io.github.v/cars', '1.0.0'),
        tools: vehicleTools,
        now: t(1),
      });
      for (const query of HOSTILE) expect(await store().searchTools(query, 10), query).toEqual([]);
      for (const query of WITH_WORDS)
        expect(names(await store().searchTools(query, 10))[0], query).toBe('count_cars');
      expect(names(await store().searchTools('cars', 10))).toHaveLength(3);
    });

    it('returns at most `limit` tools', async () => {
      await store().publish({
        server: serverJson('io.github.v/cars', '1.0.0'),
        tools: vehicleTools,
        now: t(1),
      });
      await store().publish({
        server: serverJson('io.github.v/more', '1.0.0'),
        tools: vehicleTools,
        now: t(2),
      });
      expect(await store().searchTools('vehicles cars', 4)).toHaveLength(4);
      expect(await store().searchTools('vehicles cars', 1)).toHaveLength(1);
      expect(await store().searchTools('vehicles cars', 100)).toHaveLength(6);
    });

    it('searches only latest live versions: not older, deprecated older or deleted ones', async () => {
      const name = 'io.github.v/multi';
      await store().publish({ server: serverJson(name, '1.0.0'), tools: ocrTools, now: t(1) });
      await store().publish({ server: serverJson(name, '2.0.0'), tools: vehicleTools, now: t(2) });
      await store().setStatus(name, '1.0.0', 'deprecated', 'use 2.x', t(3));
      expect(await store().searchTools('read text', 10)).toEqual([]);
      await store().setStatus(name, '2.0.0', 'deprecated', 'moving', t(4));
      expect(names(await store().searchTools('cars', 10))).toHaveLength(3);
      await store().publish({ server: serverJson(name, '3.0.0'), tools: ocrTools, now: t(5) });
      expect(await store().searchTools('cars', 10)).toEqual([]);
      expect(names(await store().searchTools('read text', 10))).toEqual(['read_text']);
      await store().setStatus(name, '3.0.0', 'deleted', undefined, t(6));
      await store().setStatus(name, '2.0.0', 'deleted', undefined, t(7));
      await store().setStatus(name, '1.0.0', 'deleted', undefined, t(8));
      expect(await store().searchTools('read text cars', 10)).toEqual([]);
    });

    it('finds what was published under another engine once reopened with this one', async () => {
      const first = store().toolSearch;
      const other = first === 'fts' ? 'memory' : 'fts';
      await store().publish({ server: serverJson('io.github.v/one', '1.0.0'), tools: ocrTools, now: t(1) });
      const switched = await reopen(other);
      try {
        expect(switched.toolSearch).toBe(other);
        await switched.publish({
          server: serverJson('io.github.v/two', '1.0.0'),
          tools: vehicleTools,
          now: t(2),
        });
        await switched.setStatus('io.github.v/one', '1.0.0', 'deleted', undefined, t(3));
      } finally {
        await switched.close();
      }
      const back = await reopen(first);
      try {
        expect(await back.searchTools('read text', 10)).toEqual([]);
        expect(names(await back.searchTools('cars', 10))).toHaveLength(3);
      } finally {
        await back.close();
      }
      // A store still open from before keeps writing after the other engine took over the file.
      await store().publish({ server: serverJson('io.github.v/three', '1.0.0'), tools: ocrTools, now: t(4) });
      const again = await reopen(other);
      try {
        expect(names(await again.searchTools('read text', 10))).toEqual(['read_text']);
        expect(names(await again.searchTools('cars', 10))).toHaveLength(3);
      } finally {
        await again.close();
      }
    });
  });
}
