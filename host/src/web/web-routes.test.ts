import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Host } from '../host.js';
import type { HostEnv } from '../http/env.js';
import { PAGE_CSP, webRoutes } from './web-routes.js';

function appFor(host: Pick<Host, 'backend'>) {
  const app = new Hono<HostEnv>();
  app.use(async (c, next) => {
    c.set('host', host as Host);
    await next();
  });
  app.route('/', webRoutes());
  return app;
}

describe('the web page routes', () => {
  it('serve the page under a strict CSP, with no inline script or style', async () => {
    const response = await appFor({}).request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).not.toContain('unsafe');
    const html = await response.text();
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/web/app.js">']);
    expect(html).not.toMatch(/<style|style="|\son[a-z]+="/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('opens on the tools with the commands that add a model, escaped, when the host has none', async () => {
    const html = await (await appFor({ backend: undefined }).request('/')).text();
    expect(html).toContain('<body data-mode="tools">');
    expect(html).toContain('npx mmskills model pull &lt;name&gt;\nnpm start');
    expect(html).toContain('--lmm openai:&lt;base-url&gt;');
    const withModel = await (await appFor({ backend: {} as Host['backend'] }).request('/')).text();
    expect(withModel).toContain('<body data-mode="chat">');
    expect(withModel).not.toContain('model-help');
  });

  it('serve one script bundled from the TypeScript modules of host/web, with no imports, and the styles', async () => {
    const script = await appFor({}).request('/web/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await script.text();
    expect(code).toContain('/v1/tools');
    expect(code).toContain('/v1/conversations/');
    expect(code).toContain('left_shoulder');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    for (const [name, content] of [
      ['app.css', '.box'],
      ['tools.css', '#tool-frame'],
    ]) {
      const css = await appFor({}).request(`/web/${name}`);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(await css.text()).toContain(content);
    }
  });
});
