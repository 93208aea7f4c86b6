import { validTraceparent } from '@mmskills/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { HostEnv } from './env.js';
import { HostHttpError } from './errors.js';

const CallBodySchema = z.object({ arguments: z.record(z.string(), z.unknown()).default({}) });

/**
 * Every running skill's tools, and a call to one of them, for the web page's tools mode: the same
 * catalogue and routing as the MCP gateway (`<skill>__<tool>`), over plain JSON. It needs no model.
 */
export function toolRoutes() {
  const app = new Hono<HostEnv>();

  app.get('/v1/tools', async (c) => {
    const tools = await c.var.host.pool.tools();
    return c.json({
      tools: tools.map((entry) => ({
        skill: entry.skill,
        name: entry.qualifiedName,
        tool: entry.tool.name,
        title: entry.tool.title ?? entry.tool.annotations?.title,
        description: entry.tool.description ?? '',
        inputSchema: entry.tool.inputSchema,
        outputSchema: entry.tool.outputSchema,
      })),
    });
  });

  app.post('/v1/tools/:name/call', async (c) => {
    const name = c.req.param('name');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HostHttpError(400, 'invalid request: the body must be JSON: {"arguments": {…}}');
    }
    const parsed = CallBodySchema.safeParse(body);
    if (!parsed.success)
      throw new HostHttpError(400, 'invalid request: the body must be {"arguments": {…}} with an object');
    const tools = await c.var.host.pool.tools();
    if (!tools.some((entry) => entry.qualifiedName === name))
      throw new HostHttpError(
        404,
        `no tool ${name}; the running skills have: ${tools.map((t) => t.qualifiedName).join(', ')}`,
      );
    const abort = new AbortController();
    c.req.raw.signal.addEventListener('abort', () => abort.abort(new Error('the client disconnected')));
    const traceparent = validTraceparent(c.req.header('traceparent'));
    return c.json(await c.var.host.pool.call(name, parsed.data.arguments, abort.signal, traceparent));
  });

  return app;
}
