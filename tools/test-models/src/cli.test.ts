import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGguf } from '../test/read-gguf.js';
import { runCli, UsageError, usage } from './cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runCli', () => {
  it('writes a llama model with the given shape and prints its summary', async () => {
    const out = join(dir, 'm.gguf');
    const argv = [
      'llama',
      out,
      '--embd',
      '32',
      '--heads',
      '2',
      '--kv-heads',
      '1',
      '--type',
      'q8_0',
      '--ff',
      '64',
    ];
    const summary = JSON.parse(await runCli(argv));
    expect(summary.path).toBe(out);
    expect(summary.type).toBe('q8_0');
    expect(summary.shape).toMatchObject({ embd: 32, heads: 2, kvHeads: 1, ff: 64, layers: 2 });
    expect((await stat(out)).size).toBe(summary.fileBytes);
    const read = await readGguf(out);
    expect(read.metadata.get('llama.attention.head_count_kv')?.value).toBe(1);
  });

  it('measures a preset without writing it', async () => {
    const out = join(dir, 'never.gguf');
    const summary = JSON.parse(await runCli(['llama', out, '--preset', '7b', '--type', 'q8_0', '--dry-run']));
    expect(summary.parameters).toBeGreaterThan(6.7e9);
    expect(summary.shape.vocabSize).toBe(32000);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('writes a projector sized for a text model', async () => {
    const out = join(dir, 'mmproj.gguf');
    const summary = JSON.parse(await runCli(['mmproj', out, '--embd', '48', '--image-size', '28']));
    expect(summary).toMatchObject({ path: out, imageTokens: 4 });
    expect((await readGguf(out)).metadata.get('clip.vision.projection_dim')?.value).toBe(48);
  });

  it('writes a test picture', async () => {
    const out = join(dir, 'p.png');
    const summary = JSON.parse(await runCli(['png', out, '--width', '10', '--height', '6']));
    const png = await readFile(out);
    expect(summary.bytes).toBe(png.length);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([10, 6]);
  });

  it('prints usage for no command or --help', async () => {
    expect(await runCli([])).toBe(usage);
    expect(await runCli(['--help'])).toContain('mmskills-test-models llama');
  });

  it.each([
    [['nope', 'x']],
    [['llama']],
    [['llama', 'a', 'b']],
    [['llama', 'a', '--embd', 'big']],
    [['llama', 'a', '--layers', '1.5']],
    [['llama', 'a', '--type', 'q4_0']],
    [['llama', 'a', '--preset', '13b']],
    [['llama', 'a', '--preset', 'toString']],
    [['llama', 'a', '--bogus', '1']],
    [['mmproj', 'a']],
    [['mmproj', 'a', '--embd', '64', '--type', 'q8_0']],
  ])('rejects %j as a usage error', async (argv) => {
    await expect(runCli(argv)).rejects.toThrow(UsageError);
  });
});
