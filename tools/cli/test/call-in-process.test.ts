import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptPage } from '../../../skills/ocr/test/fixtures/pages.js';
import { renderPage } from '../../../skills/ocr/test/fixtures/render-page.js';
import { type Ran, runCli } from './run-cli.js';

// Says on stderr when the CLI starts a process: the only difference the two ways of calling may show.
const SPAWNED = '[a process was spawned]';
const spawnTracer = `data:text/javascript,${encodeURIComponent(`
  import childProcess from 'node:child_process';
  import { syncBuiltinESMExports } from 'node:module';
  const spawn = childProcess.spawn;
  childProcess.spawn = function (...args) {
    process.stderr.write(${JSON.stringify(`${SPAWNED}\n`)});
    return spawn.apply(this, args);
  };
  syncBuiltinESMExports();
`)}`;
const cli = ['--import', spawnTracer, ...tsxArgs(new URL('../src/bin.ts', import.meta.url))];
const ocrBin = tsxArgs(new URL('../../../skills/ocr/src/bin.ts', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'mmskills-call-'));
const roots = join(dir, 'roots');
const outside = join(dir, 'outside.png');
const page = join(roots, 'receipt.png');
// The same skill as a config entry in the built-in's place: spawned over stdio, as every call was.
const spawnedConfig = join(dir, 'spawned.json');
const env = { ...process.env, MMSKILLS_FILE_ROOTS: roots, MMSKILLS_CONFIG: join(dir, 'none.json') };

beforeAll(async () => {
  mkdirSync(roots);
  const receipt = receiptPage();
  const png = await renderPage(receipt.width, receipt.height, receipt.lines);
  writeFileSync(page, png);
  writeFileSync(outside, png);
  writeFileSync(
    spawnedConfig,
    JSON.stringify({
      skills: { ocr: { command: process.execPath, args: ocrBin, env: { MMSKILLS_FILE_ROOTS: roots } } },
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `mmskills call ocr …` with the built-in in process, then spawned from the config file. */
async function bothWays(args: string[]): Promise<{ inProcess: Ran; spawned: Ran; didSpawn: boolean }> {
  const call = (extra: string[]) => runCli(cli, ['call', 'ocr', ...args, ...extra], dir, env);
  const [inProcess, spawned] = [await call([]), await call(['--config', spawnedConfig])];
  expect(inProcess.stderr).not.toContain(SPAWNED);
  return {
    inProcess,
    spawned: { ...spawned, stderr: spawned.stderr.replace(`${SPAWNED}\n`, '') },
    didSpawn: spawned.stderr.includes(SPAWNED),
  };
}

describe('mmskills call runs a built-in skill in its own process', () => {
  it('reads the picture as the spawned skill does, from --image and from a path in the roots', async () => {
    for (const args of [
      ['--image', page],
      ['--args', JSON.stringify({ image: page })],
    ]) {
      const { inProcess, spawned, didSpawn } = await bothWays(['read_text', ...args]);
      expect(didSpawn).toBe(true);
      expect(inProcess).toEqual(spawned);
      expect(inProcess.code).toBe(0);
      expect(inProcess.stdout).toMatch(/^\d+ lines of text:\nCORNER CAFE\n(.*\n)?Espresso\b.*2\.40\n/);
    }
  }, 120_000);

  it('fails as the spawned skill does: unknown tool, bad arguments, unreadable image, a file outside the roots', async () => {
    const cases = [
      {
        args: ['read_txt', '--image', page],
        code: 1,
        stderr:
          /^mmskills call: ocr\/read_txt: MCP error -32602: Unknown tool "read_txt"; this server has: read_text\n$/,
      },
      {
        args: ['read_text', '--image', page, '--args', '{"min_confidence":"high"}'],
        code: 1,
        stdout: /^Invalid arguments for read_text: \/min_confidence: /,
      },
      {
        args: ['read_text', '--image', join(dir, 'missing.png')],
        code: 2,
        stderr: /cannot read .*missing\.png\n$/,
      },
      {
        args: ['read_text', '--args', JSON.stringify({ image: outside })],
        code: 1,
        stdout: /is outside the allowed roots/,
      },
    ];
    for (const { args, code, stdout, stderr } of cases) {
      const { inProcess, spawned } = await bothWays(args);
      expect(inProcess).toEqual(spawned);
      expect(inProcess.code).toBe(code);
      if (stdout) expect(inProcess.stdout).toMatch(stdout);
      if (stderr) expect(inProcess.stderr).toMatch(stderr);
    }
  }, 180_000);

  it("makes the skill from its flags' environment variables, as its bin does", async () => {
    const missing = join(dir, 'missing-det.onnx');
    const ran = await runCli(cli, ['call', 'ocr', 'read_text', '--image', page], dir, {
      ...env,
      MMSKILLS_OCR_DET_MODEL: missing,
    });
    expect(ran.stderr).not.toContain(SPAWNED);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(`OCR text detection model: no model file at "${missing}"`);
  }, 60_000);
});
