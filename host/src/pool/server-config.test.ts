import { describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../config/schema.js';
import { configuredSkillServers } from './configured.js';
import { SkillServerSchema, skillEndpoints } from './server-config.js';

const command = { command: 'node', args: ['skill.js'], env: {} };

describe('replicated skill entries', () => {
  it('reads `replicas` for a command and `urls` for HTTP, each as that many endpoints', () => {
    const piped = SkillServerSchema.parse({ command: 'node', args: ['skill.js'], replicas: 3 });
    expect(skillEndpoints(piped)).toEqual([command, command, command]);
    const served = SkillServerSchema.parse({ urls: ['http://a:1/mcp', 'http://b:2/mcp'] });
    expect(skillEndpoints(served)).toEqual([
      { url: 'http://a:1/mcp', headers: {} },
      { url: 'http://b:2/mcp', headers: {} },
    ]);
    expect(skillEndpoints(SkillServerSchema.parse({ url: 'http://a:1/mcp' }))).toHaveLength(1);
    expect(skillEndpoints(SkillServerSchema.parse({ command: 'node' }))).toHaveLength(1);
  });

  it.each([
    [{ url: 'http://a:1/mcp', urls: ['http://b:2/mcp'] }, /either `url` or `urls`/],
    [{ command: 3 }, /expected string/],
    [{ urls: [] }, /too_small|>=1/i],
    [{ urls: ['not a url'] }, /url/i],
    [{ command: 'node', replicas: 0 }, />=1/],
    [{ command: 'node', replicas: 1.5 }, /int/i],
  ])('refuses %j', (entry, message) => {
    const parsed = SkillServerSchema.safeParse(entry);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });

  it('gives built-in and configured stdio skills the process count of `pool.replicas`, unless their entry has one', () => {
    const config = HostConfigSchema.parse({
      skills: { mine: { command: 'node', replicas: 4 }, served: { url: 'http://a:1/mcp' } },
      builtins: true,
      pool: { replicas: { image: 2, mine: 3, served: 5 } },
    });
    const servers = configuredSkillServers(config, () => ({ image: command, ocr: command }));
    expect(servers.image).toMatchObject({ replicas: 2 });
    expect(servers.ocr).not.toHaveProperty('replicas');
    expect(servers.mine).toMatchObject({ replicas: 4 });
    expect(skillEndpoints(servers.served as never)).toHaveLength(1);
  });
});
