import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The real HTTP host (bundled bin) with the llama backend and the image skill, driven over HTTP. */
export interface HostTurnSpec {
  /** The bundled host bin and image skill bin (pack.sh puts them beside the driver). */
  hostBin: string;
  skillBin: string;
  model: string;
  mmproj: string;
  gpu: 'vulkan' | 'cpu';
  threads: number;
  png: Buffer;
  /** Where the config and the host's log go. */
  dir: string;
  deadline: number;
  /** Turns to try until one calls image_info (random weights choose tools at random). */
  tries: number;
}

export interface HostTurn {
  startMs?: number;
  /** `/health` once the host listens: the model with the device the backend reports, and the skills. */
  health?: unknown;
  turns: Array<{
    ms: number;
    status: number;
    usage?: unknown;
    steps?: Array<Record<string, unknown>>;
    error?: string;
  }>;
  calledImageInfo: boolean;
  /**
   * `image__image_info` on the PNG through the host's MCP gateway: the image skill and sharp at
   * work on this machine, which the agent's turns reach only when the model writes `image_1`.
   */
  gateway?: { ms: number; text?: string; error?: string };
  error?: string;
}

const QUESTION = 'How large is this picture? Use image_info on image_1.';

/** Starts the host bin, waits for `/health`, sends image turns to `/v1/chat/completions`, stops it. */
export async function runHostTurn(spec: HostTurnSpec): Promise<HostTurn> {
  const result: HostTurn = { turns: [], calledImageInfo: false };
  const config = join(spec.dir, 'mmskills.json');
  writeFileSync(
    config,
    JSON.stringify({
      skills: { image: { command: process.execPath, args: [spec.skillBin] } },
      // Random weights write long strings: a shorter reply limit cuts the turn's JSON off.
      agent: { maxSteps: 2, maxTokens: 1024 },
    }),
  );
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const lmm = `llama:${spec.model},mmproj=${spec.mmproj},gpu=${spec.gpu},ctx=8192,threads=${spec.threads}`;
  const log = createWriteStream(join(spec.dir, `host-${spec.gpu}.log`));
  const started = performance.now();
  const host = spawn(
    process.execPath,
    [spec.hostBin, '--config', config, '--port', String(port), '--lmm', lmm],
    {
      cwd: spec.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  host.stdout?.pipe(log);
  host.stderr?.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  try {
    result.health = await waitForHealth(base, host, spec.deadline);
    result.startMs = Math.round(performance.now() - started);
    const body = JSON.stringify({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: QUESTION },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${spec.png.toString('base64')}` } },
          ],
        },
      ],
    });
    for (let i = 0; i < spec.tries && !result.calledImageInfo && Date.now() < spec.deadline; i++) {
      const turnStarted = performance.now();
      try {
        const response = await fetch(`${base}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(Math.max(1000, spec.deadline - Date.now())),
        });
        const answer = (await response.json()) as { usage?: unknown; mmskills?: { steps?: unknown[] } };
        const steps = (answer.mmskills?.steps ?? []).map(summarise);
        result.turns.push({
          ms: Math.round(performance.now() - turnStarted),
          status: response.status,
          usage: answer.usage,
          steps,
        });
        result.calledImageInfo = steps.some(
          (step) =>
            step.type === 'observation' && String(step.API_name).endsWith('image_info') && !step.isError,
        );
      } catch (error) {
        result.turns.push({
          ms: Math.round(performance.now() - turnStarted),
          status: 0,
          error: String(error).slice(0, 300),
        });
      }
    }
    result.gateway = await gatewayImageInfo(base, spec.png);
  } catch (error) {
    result.error = String((error as Error).message ?? error).slice(0, 500);
  } finally {
    await stop(host);
    log.end();
  }
  return result;
}

async function gatewayImageInfo(base: string, png: Buffer): Promise<HostTurn['gateway']> {
  const client = new Client({ name: 'gpu-bench', version: '0.1.0' });
  const started = performance.now();
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    const answer = (await client.callTool({
      name: 'image__image_info',
      arguments: { image: `data:image/png;base64,${png.toString('base64')}` },
    })) as { content?: Array<{ type: string; text?: string }>; isError?: boolean };
    const text = (answer.content ?? []).map((part) => part.text ?? `[${part.type}]`).join(' ');
    const ms = Math.round(performance.now() - started);
    return answer.isError ? { ms, error: text.slice(0, 300) } : { ms, text: text.slice(0, 300) };
  } catch (error) {
    return { ms: Math.round(performance.now() - started), error: String(error).slice(0, 300) };
  } finally {
    await client.close().catch(() => {});
  }
}

/** An agent event cut to what the report needs (no pictures, short texts). */
function summarise(event: unknown): Record<string, unknown> {
  const entry = { ...(event as Record<string, unknown>) };
  for (const [key, value] of Object.entries(entry)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text && text.length > 200) entry[key] = `${text.slice(0, 200)}…`;
  }
  return entry;
}

async function waitForHealth(base: string, host: ChildProcess, deadline: number): Promise<unknown> {
  while (Date.now() < deadline) {
    if (host.exitCode !== null) throw new Error(`the host exited with ${host.exitCode} before listening`);
    try {
      const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return await response.json();
    } catch {
      // Not listening yet: the model is still loading.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the host did not answer /health before the deadline');
}

async function stop(host: ChildProcess): Promise<void> {
  if (host.exitCode !== null || host.signalCode !== null) return;
  const exited = new Promise((resolve) => host.once('exit', resolve));
  host.kill('SIGTERM');
  const timer = setTimeout(() => host.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
