import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHostConfig } from '@mmskills/host';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modelCommand } from '../src/commands/model.js';
import type { CliError } from '../src/commands/registry-client.js';
import type { CatalogueInput } from '../src/models/catalogue.js';
import { bytesFrom, sha256, startServer } from './hf-like-server.js';

const MODEL_BYTES = 3_000_000;
const MMPROJ_BYTES = 1_200_000;

const modelData = bytesFrom(7, MODEL_BYTES);
const mmprojData = bytesFrom(11, MMPROJ_BYTES);

function entry(name: string, overrides: Partial<CatalogueInput[number]> = {}): CatalogueInput[number] {
  return {
    name,
    title: `Tiny VL ${name}`,
    repo: 'test-org/tiny-vl-GGUF',
    licence: 'apache-2.0',
    model: { file: 'tiny-vl-Q4_K_M.gguf', size: MODEL_BYTES, sha256: sha256(modelData) },
    mmproj: { file: 'mmproj-tiny-vl-f16.gguf', size: MMPROJ_BYTES, sha256: sha256(mmprojData) },
    ...overrides,
  };
}

const catalogue: CatalogueInput = [
  entry('tiny-vl'),
  entry('tiny-vl-bad-hash', {
    model: { file: 'tiny-vl-Q4_K_M.gguf', size: MODEL_BYTES, sha256: sha256(Buffer.from('something else')) },
  }),
  entry('tiny-vl-missing', { model: { file: 'not-uploaded.gguf', size: 10 } }),
  entry('tiny-vl-stale-size', { model: { file: 'tiny-vl-Q4_K_M.gguf', size: MODEL_BYTES + 1 } }),
  entry('tiny-vl-dropped', { model: { file: 'dropped.gguf', size: MODEL_BYTES, sha256: sha256(modelData) } }),
];

describe('mmskills model list / pull', () => {
  const { server, hits, settings } = startServer({
    'tiny-vl-Q4_K_M.gguf': modelData,
    'mmproj-tiny-vl-f16.gguf': mmprojData,
    'dropped.gguf': modelData,
  });
  let baseUrl: string;
  let cacheDir: string;
  let lines: string[];
  let progress: string[];
  const out = (line: string) => lines.push(line);
  const stderr = { isTTY: false, write: (text: string) => progress.push(text) };
  const run = (argv: string[], extra: Parameters<typeof modelCommand>[2] = {}) =>
    modelCommand(argv, out, {
      cacheDir,
      catalogue,
      skillModels: [],
      stderr,
      configFile: configPath(),
      ...extra,
    });
  const configPath = () => join(cacheDir, 'mmskills.json');
  const modelPath = () => join(cacheDir, 'tiny-vl', 'tiny-vl-Q4_K_M.gguf');
  const mmprojPath = () => join(cacheDir, 'tiny-vl', 'mmproj-tiny-vl-f16.gguf');
  const previousBase = process.env.MMSKILLS_MODEL_BASE_URL;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.MMSKILLS_MODEL_BASE_URL = baseUrl;
  });
  afterAll(async () => {
    if (previousBase === undefined) delete process.env.MMSKILLS_MODEL_BASE_URL;
    else process.env.MMSKILLS_MODEL_BASE_URL = previousBase;
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'mmskills-models-'));
    lines = [];
    progress = [];
    hits.length = 0;
    settings.honourRange = true;
    settings.checksumHeaders = true;
    settings.drop.add('dropped.gguf');
  });

  it('pulls both files through the redirect, verifies sha256 and prints the --lmm value', async () => {
    expect(await run(['pull', 'tiny-vl'])).toBe(0);
    expect(sha256(await readFile(modelPath()))).toBe(sha256(modelData));
    expect(sha256(await readFile(mmprojPath()))).toBe(sha256(mmprojData));
    expect(existsSync(`${modelPath()}.part`)).toBe(false);
    expect(lines).toContain('tiny-vl-Q4_K_M.gguf: done, sha256 verified');
    expect(lines).toContain('mmproj-tiny-vl-f16.gguf: done, sha256 verified');
    const spec = `llama:${modelPath()},mmproj=${mmprojPath()}`;
    expect(lines.at(-2)).toBe(`  --lmm ${spec}`);
    expect(lines.at(-1)).toBe(
      `recorded in ${configPath()}: the next \`npm start\` (mmskills serve) runs the host with tiny-vl`,
    );
    expect((await loadHostConfig(['--config', configPath()], {})).lmm).toBe(spec);
    const modelProgress = progress.filter((line) => line.startsWith('tiny-vl-Q4_K_M.gguf: '));
    expect(modelProgress.map((line) => line.split(' ')[1])).toEqual([
      '10%',
      '20%',
      '30%',
      '40%',
      '50%',
      '60%',
      '70%',
      '80%',
      '90%',
      '100%',
    ]);
    expect(progress.join('')).not.toContain('\r');
    expect(hits.filter((hit) => hit.status === 200).map((hit) => hit.sent)).toEqual([
      MODEL_BYTES,
      MMPROJ_BYTES,
    ]);

    hits.length = 0;
    lines = [];
    expect(await run(['pull', 'tiny-vl'])).toBe(0);
    expect(lines.slice(0, 2)).toEqual([
      'tiny-vl-Q4_K_M.gguf: already complete',
      'mmproj-tiny-vl-f16.gguf: already complete',
    ]);
    expect(hits).toEqual([]);
  });

  it('records the model in an existing host config, keeping its skills, and leaves a broken one alone', async () => {
    const skills = { hello: { command: process.execPath, args: ['/x/bin.js'], env: {} } };
    await writeFile(configPath(), JSON.stringify({ builtins: true, skills }));
    expect(await run(['pull', 'tiny-vl'])).toBe(0);
    expect(JSON.parse(await readFile(configPath(), 'utf8'))).toEqual({
      builtins: true,
      skills,
      lmm: `llama:${modelPath()},mmproj=${mmprojPath()}`,
    });
    hits.length = 0;
    await writeFile(configPath(), '{ "lmm": ');
    await expect(run(['pull', 'tiny-vl'])).rejects.toThrow(/is not valid JSON .*fix it first/);
    expect(await readFile(configPath(), 'utf8')).toBe('{ "lmm": ');
    expect(hits).toEqual([]);
  });

  it('resumes a partial .part with a Range request and fetches only the rest', async () => {
    await mkdir(join(cacheDir, 'tiny-vl'), { recursive: true });
    await writeFile(`${modelPath()}.part`, modelData.subarray(0, 1_000_000));
    expect(await run(['pull', 'tiny-vl'])).toBe(0);
    expect(lines[0]).toBe('tiny-vl-Q4_K_M.gguf: resuming at 1.0 MB (3.0 MB)');
    const ranged = hits.find((hit) => hit.path === '/cdn/tiny-vl-Q4_K_M.gguf');
    expect(ranged).toMatchObject({ range: 'bytes=1000000-', status: 206, sent: MODEL_BYTES - 1_000_000 });
    expect(sha256(await readFile(modelPath()))).toBe(sha256(modelData));
    expect(existsSync(`${modelPath()}.part`)).toBe(false);
    // Resuming at a third, the non-TTY lines start at the next 10% step.
    expect(progress.find((line) => line.startsWith('tiny-vl-Q4_K_M.gguf: '))).toMatch(
      /^tiny-vl-Q4_K_M\.gguf: 40% /,
    );
  });

  it('starts over when the server ignores Range, and still ends with the right bytes', async () => {
    settings.honourRange = false;
    await mkdir(join(cacheDir, 'tiny-vl'), { recursive: true });
    await writeFile(`${modelPath()}.part`, Buffer.alloc(500_000, 0xee));
    expect(await run(['pull', 'tiny-vl'])).toBe(0);
    expect(hits.find((hit) => hit.path === '/cdn/tiny-vl-Q4_K_M.gguf')).toMatchObject({
      range: 'bytes=500000-',
      status: 200,
    });
    expect(sha256(await readFile(modelPath()))).toBe(sha256(modelData));
  });

  it("refuses a file whose hub sha256 differs from the catalogue's before downloading it", async () => {
    await expect(run(['pull', 'tiny-vl-bad-hash'])).rejects.toThrow(
      /^tiny-vl-Q4_K_M\.gguf: the hub's sha256 is [0-9a-f]{64} but the catalogue expects [0-9a-f]{64}; the file changed upstream/,
    );
    const dir = join(cacheDir, 'tiny-vl-bad-hash');
    expect(existsSync(join(dir, 'tiny-vl-Q4_K_M.gguf'))).toBe(false);
    expect(existsSync(join(dir, 'tiny-vl-Q4_K_M.gguf.part'))).toBe(false);
  });

  it('deletes the download and keeps no final file when the sha256 does not match', async () => {
    // A mirror that drops the hub's headers: the mismatch shows only once the bytes are in.
    settings.checksumHeaders = false;
    const failure = run(['pull', 'tiny-vl-bad-hash']);
    await expect(failure).rejects.toThrow(
      /^sha256 mismatch for tiny-vl-Q4_K_M\.gguf: expected [0-9a-f]{64}, got [0-9a-f]{64}; the download was deleted/,
    );
    await expect(failure).rejects.toMatchObject({ exitCode: 1 });
    const dir = join(cacheDir, 'tiny-vl-bad-hash');
    expect(existsSync(join(dir, 'tiny-vl-Q4_K_M.gguf'))).toBe(false);
    expect(existsSync(join(dir, 'tiny-vl-Q4_K_M.gguf.part'))).toBe(false);
  });

  it('names the status and address on a 404', async () => {
    await expect(run(['pull', 'tiny-vl-missing'])).rejects.toThrow(
      `cannot download not-uploaded.gguf: 404 Not Found from ${baseUrl}/test-org/tiny-vl-GGUF/resolve/main/not-uploaded.gguf (the catalogue entry may be out of date)`,
    );
    expect(existsSync(join(cacheDir, 'tiny-vl-missing', 'not-uploaded.gguf'))).toBe(false);
  });

  it('refuses a file whose length differs from the catalogue before downloading it', async () => {
    await expect(run(['pull', 'tiny-vl-stale-size'])).rejects.toThrow(
      `tiny-vl-Q4_K_M.gguf: the server has ${MODEL_BYTES} bytes but the catalogue expects ${MODEL_BYTES + 1}`,
    );
    expect(existsSync(join(cacheDir, 'tiny-vl-stale-size', 'tiny-vl-Q4_K_M.gguf'))).toBe(false);
  });

  it('keeps what arrived when the connection drops, and resumes from there', async () => {
    await expect(run(['pull', 'tiny-vl-dropped'])).rejects.toThrow(
      /^download of dropped\.gguf stopped after .*; run the same pull again to resume$/,
    );
    const part = join(cacheDir, 'tiny-vl-dropped', 'dropped.gguf.part');
    const kept = (await stat(part)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(1_500_000);

    expect(await run(['pull', 'tiny-vl-dropped'])).toBe(0);
    const retries = hits.filter((hit) => hit.path === '/cdn/dropped.gguf' && hit.range !== undefined);
    expect(retries).toMatchObject([{ range: `bytes=${kept}-`, status: 206, sent: MODEL_BYTES - kept }]);
    expect(sha256(await readFile(join(cacheDir, 'tiny-vl-dropped', 'dropped.gguf')))).toBe(sha256(modelData));
  });

  it('says which host it cannot reach', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(run(['pull', 'tiny-vl'], { baseUrl: `http://127.0.0.1:${port}` })).rejects.toThrow(
      new RegExp(`^cannot reach 127\\.0\\.0\\.1:${port} for tiny-vl-Q4_K_M\\.gguf: .*ECONNREFUSED`),
    );
  });

  it('keeps the .part when interrupted and finishes it on the next pull', async () => {
    const controller = new AbortController();
    const interrupting = { isTTY: false, write: () => controller.abort() };
    const failure = run(['pull', 'tiny-vl'], { stderr: interrupting, signal: controller.signal });
    await expect(failure).rejects.toThrow(
      /^interrupted; kept .* in .*tiny-vl-Q4_K_M\.gguf\.part, run the same pull/,
    );
    await expect(failure).rejects.toSatisfy((error: CliError) => error.exitCode === 130);
    expect(existsSync(modelPath())).toBe(false);
    expect((await stat(`${modelPath()}.part`)).size).toBeLessThan(MODEL_BYTES);

    expect(await run(['pull', 'tiny-vl'])).toBe(0);
    expect(sha256(await readFile(modelPath()))).toBe(sha256(modelData));
  });

  it('lists size, licence, cache state and the --lmm value of each model', async () => {
    expect(await run(['list'])).toBe(0);
    expect(lines[0]).toMatch(/^NAME +SIZE +LICENCE +CACHED +MODEL$/);
    expect(lines[1]).toMatch(/^tiny-vl +4\.2 MB +apache-2\.0 +no +Tiny VL tiny-vl, test-org\/tiny-vl-GGUF$/);
    expect(lines[2]).toBe(`  --lmm llama:${modelPath()},mmproj=${mmprojPath()}`);

    await mkdir(join(cacheDir, 'tiny-vl'), { recursive: true });
    await writeFile(`${modelPath()}.part`, modelData.subarray(0, 2_100_000));
    lines = [];
    await run(['list']);
    expect(lines[1]).toMatch(/^tiny-vl +4\.2 MB +apache-2\.0 +partial \(50%\) /);

    await run(['pull', 'tiny-vl']);
    lines = [];
    await run(['list']);
    expect(lines[1]).toMatch(/^tiny-vl +4\.2 MB +apache-2\.0 +yes /);
    expect(lines[3]).toMatch(/^tiny-vl-bad-hash +4\.2 MB +apache-2\.0 +no /);
    expect(lines.at(-1)).toBe(`cache: ${cacheDir}; download one with: mmskills model pull <name>`);
  });

  it('answers usage mistakes with exit code 2 and no network traffic', async () => {
    await expect(run([])).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^model needs list/),
    });
    await expect(run(['pull'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(run(['pull', 'nope'])).rejects.toMatchObject({
      exitCode: 2,
      message:
        'unknown model "nope"; known: tiny-vl, tiny-vl-bad-hash, tiny-vl-missing, tiny-vl-stale-size, tiny-vl-dropped',
    });
    await expect(run(['list', '--bogus'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(run(['pull', 'tiny-vl', '--dir', join(cacheDir, 'a,b')])).rejects.toMatchObject({
      exitCode: 2,
    });
    expect(hits).toEqual([]);
  });

  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });
});
