import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { assertSkillManifest, BUILTIN_SKILLS, type SkillManifest } from '@mmskills/core';
import type { RegistryStore } from './store/store.js';

/**
 * Reads the generated `server.json` and `tools.json` of installed built-in skill packages.
 * Only JSON is read: the registry never loads a skill's code. Missing packages are skipped.
 */
export async function builtinManifests(from: string = import.meta.url): Promise<SkillManifest[]> {
  const require = createRequire(from);
  const manifests: SkillManifest[] = [];
  for (const name of BUILTIN_SKILLS) {
    const pkg = `@mmskills/skill-${name}`;
    let serverPath: string;
    let toolsPath: string;
    try {
      serverPath = require.resolve(`${pkg}/server.json`);
      toolsPath = require.resolve(`${pkg}/tools.json`);
    } catch {
      continue;
    }
    const server = JSON.parse(await readFile(serverPath, 'utf8'));
    const tools = JSON.parse(await readFile(toolsPath, 'utf8'));
    manifests.push(assertSkillManifest({ server, tools }));
  }
  return manifests;
}

/** Publishes each manifest whose version the store does not have yet; returns the names published. */
export async function seedStore(
  store: RegistryStore,
  manifests: readonly SkillManifest[],
  now = new Date(),
): Promise<string[]> {
  const published: string[] = [];
  for (const { server, tools } of manifests) {
    if (await store.getVersion(server.name, server.version)) continue;
    await store.publish({ server, tools, now: now.toISOString() });
    published.push(`${server.name}@${server.version}`);
  }
  return published;
}
