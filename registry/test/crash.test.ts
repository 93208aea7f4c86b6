import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/store.js';
import { ToolSearchKindSchema } from '../src/store/tool-search.js';
import { ocrTools, serverJson } from './fixtures.js';
import { registryEnv, startRegistry } from './registry-process.js';

const ADMIN = 'admin-for-crash-test';

describe.each(ToolSearchKindSchema.options)(
  'a registry (%s tool search) killed with SIGKILL in the middle of publishing',
  (toolSearch) => {
    it('keeps every acknowledged version whole and serves no half-written one', async () => {
      const data = mkdtempSync(join(tmpdir(), 'registry-crash-'));
      const { child, url } = await startRegistry(data, {
        ...registryEnv(ADMIN),
        MMSKILLS_REGISTRY_TOOL_SEARCH: toolSearch,
      });
      const acknowledged: string[] = [];
      const publishLoop = (async () => {
        for (let i = 0; ; i += 1) {
          const version = `1.0.${i}`;
          const response = await fetch(`${url}/v0/publish`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
            body: JSON.stringify({ server: serverJson('io.github.crash/x', version), tools: ocrTools }),
          }).catch(() => undefined);
          if (response?.status !== 201) return;
          acknowledged.push(version);
        }
      })();
      while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      child.kill('SIGKILL');
      await Promise.all([once(child, 'exit'), publishLoop]);

      const store = openSqliteStore(join(data, 'registry.db'), { toolSearch });
      const versions = await store.listVersions('io.github.crash/x');
      // Newest first; publications within one millisecond tie, so order by the patch number.
      const patch = (version: string) => Number(version.split('.')[2]);
      const stored = versions.map((record) => record.server.version).sort((a, b) => patch(a) - patch(b));
      expect(stored.slice(0, acknowledged.length)).toEqual(acknowledged);
      // At most the one publish in flight at the kill landed without its answer.
      expect(stored.length - acknowledged.length).toBeLessThanOrEqual(1);
      for (const version of stored)
        expect(await store.getTools('io.github.crash/x', version)).toEqual(ocrTools);
      const latest = versions.filter((record) => record.meta.isLatest);
      expect(latest).toHaveLength(1);
      // The search index (FTS rows are written in the publish's transaction) agrees with `is_latest`.
      const hits = await store.searchTools('read text', 10);
      expect(hits.map((hit) => hit.version)).toEqual([latest[0]?.server.version]);
      await store.close();
    });
  },
);
