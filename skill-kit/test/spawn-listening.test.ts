import { tsxArgs } from '@mmskills/core/testing';
import { describe, expect, it } from 'vitest';
import { spawnListening } from '../src/testing/skill-process.js';

const twoUrls = tsxArgs(new URL('./fixtures/two-urls-bin.ts', import.meta.url));

describe('spawnListening', () => {
  it('takes the first URL logged, or the one on the line the filter matches, whole across pieces', async () => {
    const first = await spawnListening(twoUrls);
    expect(first.url).toBe('http://127.0.0.1:1');
    await first.stop();
    const filtered = await spawnListening(twoUrls, process.env, { line: /"message":"listening"/ });
    try {
      expect(filtered.url).toBe('http://127.0.0.1:2/mcp');
      expect(filtered.log()).toContain('"message":"registry ready"');
      expect(filtered.log()).toContain('"message":"listening"');
    } finally {
      await filtered.stop();
    }
    expect(filtered.child.signalCode).toBe('SIGTERM');
  });

  it('rejects with what the process printed when it exits before logging a URL', async () => {
    await expect(spawnListening(['-e', 'console.error("no port today"); process.exit(3)'])).rejects.toThrow(
      /exited 3: no port today/,
    );
  });
});
