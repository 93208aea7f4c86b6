import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/store.js';
import { ToolSearchKindSchema } from '../src/store/tool-search.js';
import { serverJson } from './fixtures.js';
import { storeContract } from './store.contract.js';

let lastFile = '';
for (const engine of ToolSearchKindSchema.options)
  storeContract(
    'sqlite',
    engine,
    async (toolSearch) => {
      lastFile = join(mkdtempSync(join(tmpdir(), 'registry-')), 'registry.db');
      return openSqliteStore(lastFile, { toolSearch });
    },
    async (toolSearch) => openSqliteStore(lastFile, { toolSearch }),
  );

describe('sqlite store file', () => {
  it('keeps what was published across reopening, and migrates once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'registry-')), 'data', 'registry.db');
    const first = openSqliteStore(file);
    await first.publish({
      server: serverJson('io.github.a/x', '1.0.0'),
      tools: [],
      now: '2026-01-01T00:00:00.000Z',
    });
    await first.close();
    const second = openSqliteStore(file);
    expect((await second.getVersion('io.github.a/x', 'latest'))?.server.version).toBe('1.0.0');
    await second.close();
  });
});
