import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
} from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
// The host's own stdio transport, so the direct stdio path reads the skill as the gateway does.
import { StdioSkillTransport } from '../../host/src/pool/stdio-client.js';
import { STACK_ENV } from './scripted-stack.js';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url);
const imageBin = () => tsxArgs(repo('skills/image/src/bin.ts'));
// What the host passes its stdio skills (a minimal environment); the direct stdio skill gets the same.
const STDIO_SKILL_ENV = { MMSKILLS_LOG_LEVEL: 'info' };

/** Calls one tool by the name its path knows it under; resolves with the result. */
export type Call = (tool: string, args: Record<string, unknown>) => Promise<CallToolResult>;

/** A way to reach the image skill: the tool name prefix it needs and how to call. */
export interface Path {
  label: string;
  call: Call;
}

/**
 * Two like-for-like pairs, each the same client transport to the same kind of skill process:
 * - `http`: the bench's MCP client over Streamable HTTP to one image skill process, directly or
 *   through the host's `/mcp` gateway whose upstream is that very process, by URL;
 * - `stdio`: the client over stdio to an image skill process, or over HTTP to the gateway whose
 *   upstream is its own image skill process over stdio (the host's default). This pair also differs
 *   by the client's hop (HTTP against stdio), which is part of what using the gateway costs.
 */
export interface GatewayPaths {
  http: { direct: Path; gateway: Path };
  /** The `http` pair with a 2026-07-28 client (v2 SDK): no sessions, one server per request. */
  http2026: { direct: Path; gateway: Path };
  /** The `http` pair through bare-proxy.ts instead of the host: what one more HTTP hop costs at least. */
  floor: { direct: Path; gateway: Path };
  stdio: { direct: Path; gateway: Path };
  host: ListeningProcess;
  /** CPU time the host process has used so far, all threads, user and system, where /proc tells it. */
  hostCpuMs(): { user: number; system: number } | undefined;
  /** The same for the bare proxy of the `floor` pair: the least CPU a hop of its own takes here. */
  proxyCpuMs(): { user: number; system: number } | undefined;
  stop(): Promise<void>;
}

// Fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
function cpuMs(pid: number | undefined): { user: number; system: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return undefined;
  }
}

/** `hostNodeArgs` go to the host's node before its script, e.g. `--cpu-prof` to see where its time goes. */
export async function startGatewayPaths(hostNodeArgs: string[] = []): Promise<GatewayPaths> {
  const skill = await spawnSkillHttp(imageBin(), STACK_ENV);
  const dir = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  const config = join(dir, 'mmskills.json');
  const stdioSkill = { command: process.execPath, args: imageBin(), env: STDIO_SKILL_ENV };
  writeFileSync(config, JSON.stringify({ skills: { image: { url: skill.url }, 'image-stdio': stdioSkill } }));
  const host = await spawnListening(
    [...hostNodeArgs, ...tsxArgs(repo('host/src/bin.ts')), '--config', config, '--port', '0'],
    STACK_ENV,
    { line: /"name":"mmskills-host","message":"listening"/ },
  );
  const httpClient = async (url: string) => {
    const client = new Client({ name: 'bench', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    return client;
  };
  const proxy = await spawnListening([...tsxArgs(repo('bench/lib/bare-proxy.ts')), skill.url], STACK_ENV);
  const direct = await httpClient(skill.url);
  const gateway = await httpClient(`${host.url}/mcp`);
  const [floorDirect, floorProxy] = await Promise.all([httpClient(skill.url), httpClient(proxy.url)]);
  const modernClient = async (url: string) => {
    const client = new ModernClient(
      { name: 'bench', version: '0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(new ModernTransport(new URL(url)));
    return client;
  };
  const [modernDirect, modernGateway] = await Promise.all([
    modernClient(skill.url),
    modernClient(`${host.url}/mcp`),
  ]);
  const stdio = new Client({ name: 'bench', version: '0' });
  await stdio.connect(
    new StdioSkillTransport({
      command: process.execPath,
      args: imageBin(),
      env: { ...getDefaultEnvironment(), ...STDIO_SKILL_ENV },
      maxLineBytes: 256 * 1024 * 1024,
      onStderr: () => {},
    }),
  );
  // Both clients list the tools first, as the host's pool does, so each checks structured output alike.
  await Promise.all([
    direct.listTools(),
    gateway.listTools(),
    stdio.listTools(),
    floorDirect.listTools(),
    floorProxy.listTools(),
    modernDirect.listTools(),
    modernGateway.listTools(),
  ]);
  const viaModern =
    (client: ModernClient, prefix = ''): Call =>
    async (tool, args) =>
      (await client.callTool({ name: `${prefix}${tool}`, arguments: args })) as CallToolResult;
  const via =
    (client: Client, prefix = ''): Call =>
    async (tool, args) =>
      (await client.callTool({ name: `${prefix}${tool}`, arguments: args })) as CallToolResult;
  return {
    http: {
      direct: { label: 'client →HTTP→ skill', call: via(direct) },
      gateway: { label: 'client →HTTP→ gateway →HTTP→ skill', call: via(gateway, 'image__') },
    },
    http2026: {
      direct: { label: '2026 client →HTTP→ skill', call: viaModern(modernDirect) },
      gateway: {
        label: '2026 client →HTTP→ gateway →HTTP→ skill',
        call: viaModern(modernGateway, 'image__'),
      },
    },
    floor: {
      direct: { label: 'client →HTTP→ skill', call: via(floorDirect) },
      gateway: { label: 'client →HTTP→ bare proxy →HTTP→ skill', call: via(floorProxy) },
    },
    stdio: {
      direct: { label: 'client →stdio→ skill', call: via(stdio) },
      gateway: { label: 'client →HTTP→ gateway →stdio→ skill', call: via(gateway, 'image_stdio__') },
    },
    host,
    hostCpuMs: () => cpuMs(host.child.pid),
    proxyCpuMs: () => cpuMs(proxy.child.pid),
    async stop() {
      await Promise.all([
        direct.close(),
        gateway.close(),
        stdio.close(),
        floorDirect.close(),
        floorProxy.close(),
        modernDirect.close(),
        modernGateway.close(),
      ]);
      await Promise.all([host.stop(), skill.stop(), proxy.stop()]);
    },
  };
}
