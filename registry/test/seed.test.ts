import { describe, expect, it } from 'vitest';
import { seedStore } from '../src/seed.js';
import { openSqliteStore } from '../src/store/sqlite/store.js';
import { detectTools, ocrTools, serverJson } from './fixtures.js';

describe('seedStore', () => {
  it('publishes each manifest once, so restarts change nothing', async () => {
    const store = openSqliteStore(':memory:');
    const manifests = [
      { server: serverJson('io.github.mmskills/ocr', '0.1.0'), tools: ocrTools },
      { server: serverJson('io.github.mmskills/detect', '0.1.0'), tools: detectTools },
    ];
    expect(await seedStore(store, manifests)).toEqual([
      'io.github.mmskills/ocr@0.1.0',
      'io.github.mmskills/detect@0.1.0',
    ]);
    expect(await seedStore(store, manifests)).toEqual([]);
    expect((await store.searchTools('objects', 5))[0]?.tool.name).toBe('detect_objects');
    await store.close();
  });
});
