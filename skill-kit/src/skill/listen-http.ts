import { serve } from '@hono/node-server';
import { allowedHostsFor, isLoopbackName } from '@mmskills/core';
import type { SkillRuntime } from './create-server.js';
import { createSkillHttpApp } from './http-app.js';

/**
 * Serves the skill's Streamable HTTP app on `hostname:port` (0 picks a free port). `runSkill`
 * imports this module only under `--http`, so a stdio skill never loads Hono or its Node server.
 */
export function listenHttp(runtime: SkillRuntime, hostname: string, port: number) {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve, reject) => {
    // Loopback binds only answer to loopback Host headers; wider binds rely on Origin checks.
    const allowedHosts = isLoopbackName(hostname) ? allowedHostsFor(hostname) : 'any';
    const { app, close: closeSessions } = createSkillHttpApp(runtime, { allowedHosts });
    const server = serve({ fetch: app.fetch, hostname, port }, (info) => {
      const shown = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${shown}:${info.port}/mcp`,
        close: async () => {
          await closeSessions();
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
    server.once('error', reject);
  });
}
