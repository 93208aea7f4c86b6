import { readFileSync } from 'node:fs';
import { tsxArgs } from '@mmskills/core/testing';
import { spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from './conformance-cli.js';
import { type HostProcess, sourceSkill, spawnHost } from './host-process.js';
import { versionProxy } from './version-proxy.js';

interface BaselineEntry {
  reason: string;
  failure: string;
}
const baseline = JSON.parse(readFileSync(new URL('./baseline.json', import.meta.url), 'utf8')) as {
  scenarios: Record<string, BaselineEntry>;
};

// The suite dates scenarios 2025-06-18 or 2025-11-25; older versions run the 2025-06-18 set.
const scenarioSet = (version: string) => (version >= '2025-11-25' ? '2025-11-25' : '2025-06-18');

/** Runs the suite pinned to `version` and compares with the baseline; returns what differs. */
async function conformanceAgainst(url: string, version: string) {
  const proxy = await versionProxy(url, version);
  try {
    const results = await runConformance(proxy.url, scenarioSet(version));
    expect(results.length).toBeGreaterThan(20);
    expect(proxy.rewrites).toBeGreaterThanOrEqual(results.length);
    const unexpected: string[] = [];
    const stale: string[] = [];
    for (const result of results) {
      const known = baseline.scenarios[result.scenario];
      if (result.passed) {
        if (known) stale.push(result.scenario);
        continue;
      }
      const pattern = known && new RegExp(known.failure);
      const other = result.failures.filter((failure) => !pattern?.test(failure));
      if (other.length > 0) unexpected.push(`${result.scenario}: ${other.join('; ')}`);
    }
    return { unexpected, stale, passed: results.filter((result) => result.passed).map((r) => r.scenario) };
  } finally {
    await proxy.close();
  }
}

/** A raw initialize in `version`, as an older client would send it; returns the version agreed. */
async function negotiated(url: string, version: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: version,
        capabilities: {},
        clientInfo: { name: 'old-client', version: '0' },
      },
    }),
  });
  const text = await response.text();
  const json = /^data: (.*)$/m.exec(text)?.[1] ?? text;
  return (JSON.parse(json) as { result?: { protocolVersion?: unknown } }).result?.protocolVersion;
}

const targets = {
  'image skill over Streamable HTTP': async () => {
    const skill = await spawnSkillHttp(tsxArgs(new URL('../../skills/image/src/bin.ts', import.meta.url)));
    return { url: skill.url, stop: () => skill.stop() };
  },
  "host's /mcp gateway": async () => {
    const host: HostProcess = await spawnHost({ skills: { image: sourceSkill('image') } });
    return { url: `${host.url}/mcp`, stop: () => host.stop() };
  },
};

describe.each(Object.entries(targets))('MCP conformance suite against the %s', (_name, start) => {
  let target: { url: string; stop: () => Promise<void> };
  beforeAll(async () => {
    target = await start();
  });
  afterAll(() => target?.stop());

  it.each([...SUPPORTED_PROTOCOL_VERSIONS])(
    'agrees on protocol version %s when a client asks for it',
    async (version) => {
      expect(await negotiated(target.url, version)).toBe(version);
    },
  );

  // One run per version, side by side: the CLI mostly waits on the network, so this keeps the suite short.
  it('passes every scenario outside the baseline under every protocol version the SDK speaks', async () => {
    const versions = [...SUPPORTED_PROTOCOL_VERSIONS];
    const runs = await Promise.all(versions.map((version) => conformanceAgainst(target.url, version)));
    const report = Object.fromEntries(versions.map((version, i) => [version, runs[i]]));
    for (const [version, run] of Object.entries(report)) {
      expect(run?.unexpected, `${version}: failures not in test/conformance/baseline.json`).toEqual([]);
      expect(run?.stale, `${version}: baseline entries that now pass; remove them`).toEqual([]);
      expect(run?.passed).toEqual(expect.arrayContaining(['server-initialize', 'ping', 'tools-list']));
    }
  }, 180_000);
});
