import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@mmskills/core';
import { tsxArgs } from '@mmskills/core/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { configuredSkillServers } from '../pool/configured.js';
import { SkillPool } from '../pool/pool.js';
import { hostConfigPath, watchSkillConfig } from './watch.js';

const echo = (tag: string) => ({
  command: process.execPath,
  args: tsxArgs(new URL('../../test/fixtures/crashy-skill.ts', import.meta.url)),
  env: { TAG: tag },
});

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    const value = await read();
    if (ok(value) || tries > 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the host follows its config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'host-watch-'));
  const path = join(dir, 'mmskills.json');
  const logged: Array<[string, Record<string, unknown> | undefined]> = [];
  const log: Logger = {
    debug() {},
    info: (message, fields) => logged.push([message, fields]),
    warn: (message, fields) => logged.push([message, fields]),
    error: (message, fields) => logged.push([message, fields]),
  };
  const write = (config: unknown) => {
    // As `mmskills install` writes it: a new file renamed over the old one.
    writeFileSync(`${path}.next`, typeof config === 'string' ? config : JSON.stringify(config));
    renameSync(`${path}.next`, path);
  };
  let pool: SkillPool;
  let stop = () => {};

  afterEach(() => stop());
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, restarts and removes skills without touching the others', async () => {
    write({ skills: { first: echo('a') } });
    pool = new SkillPool({ first: echo('a') }, { log });
    stop = watchSkillConfig(path, pool, log, 20);
    const pid = async (tool: string) =>
      ((await pool.call(tool, { text: '' })).structuredContent as { pid?: number } | undefined)?.pid;
    const firstPid = await pid('echo_text');

    write({ skills: { first: echo('a'), second: echo('b') } });
    const tools = await until(
      () => pool.tools(),
      (list) => list.some((tool) => tool.skill === 'second'),
    );
    expect(tools.map((tool) => tool.qualifiedName).sort()).toContain('second__echo_text');
    expect(await pid('first__echo_text')).toBe(firstPid);
    expect(logged.at(-1)).toEqual([
      'skills reloaded from the config file',
      { config: path, added: ['second'], removed: [], changed: [] },
    ]);

    write({ skills: { second: echo('c') } });
    await until(
      () => logged.length,
      (count) => count === 2,
    );
    expect(pool.skills).toEqual(['second']);
    expect(logged.at(-1)?.[1]).toMatchObject({ added: [], removed: ['first'], changed: ['second'] });
    const result = await pool.call('echo_text', { text: 'still here' });
    expect(result.structuredContent).toMatchObject({ text: 'still here' });
  }, 60_000);

  it('keeps the running skills when the file stops parsing, and says why', async () => {
    stop = watchSkillConfig(path, pool, log, 20);
    logged.length = 0;
    write('{ "skills": ');
    await until(
      () => logged.length,
      (count) => count > 0,
    );
    expect(logged[0]?.[0]).toBe('config file ignored until it is valid; skills unchanged');
    expect(String(logged[0]?.[1]?.error)).toMatch(/not valid JSON/);
    logged.length = 0;
    write({ skills: { 'Bad Name': echo('x') } });
    await until(
      () => logged.length,
      (count) => count > 0,
    );
    expect(String(logged[0]?.[1]?.error)).toMatch(/\/skills\/Bad Name: Invalid key/);
    expect(pool.skills).toEqual(['second']);
  }, 30_000);

  it('finds the file from --config, MMSKILLS_CONFIG or the working directory', () => {
    expect(hostConfigPath(['--port', '0', '--config', 'a.json'], {}, '/srv')).toBe('/srv/a.json');
    expect(hostConfigPath([], { MMSKILLS_CONFIG: '/etc/mm.json' }, '/srv')).toBe('/etc/mm.json');
    expect(hostConfigPath(['--lmm', 'scripted:x'], {}, '/srv')).toBe('/srv/mmskills.json');
  });

  it('runs the built-in skills beside configured ones only when asked, or when none are configured', () => {
    const builtins = () => ({ image: echo('builtin') });
    expect(Object.keys(configuredSkillServers({}, builtins))).toEqual(['image']);
    expect(Object.keys(configuredSkillServers({ skills: { mine: echo('m') } }, builtins))).toEqual(['mine']);
    expect(
      Object.keys(configuredSkillServers({ skills: { mine: echo('m') }, builtins: true }, builtins)),
    ).toEqual(['image', 'mine']);
    expect(configuredSkillServers({ builtins: false }, builtins)).toEqual({});
  });
});
