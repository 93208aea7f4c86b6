import { runInNewContext, Script } from 'node:vm';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Host } from '../host.js';
import type { HostEnv } from '../http/env.js';
import { DOM_JS } from './client-dom.js';
import { STREAM_JS } from './client-stream.js';
import { APP_JS, PAGE_CSP, webRoutes } from './web-routes.js';

function appFor(host: Pick<Host, 'backend'>) {
  const app = new Hono<HostEnv>();
  app.use(async (c, next) => {
    c.set('host', host as Host);
    await next();
  });
  app.route('/', webRoutes());
  return app;
}

const helpers = runInNewContext(`${DOM_JS}${STREAM_JS}; ({ boxesIn, parseBlock })`) as {
  boxesIn(output: unknown): Array<{ box: number[]; label: { name: string; text: string } }>;
  parseBlock(block: string): { name: string; data: unknown } | null;
};

describe('the web page routes', () => {
  it('serve the page under a strict CSP, with no inline script or style', async () => {
    const response = await appFor({}).request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).not.toContain('unsafe');
    const html = await response.text();
    expect(html.match(/<script[^>]*>/g)).toEqual([
      '<script type="module" src="/web/app.js">',
      '<script type="module" src="/web/tools.js">',
    ]);
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

  it('serve the tools mode as one bundled script with no imports, made from its TypeScript modules', async () => {
    const script = await appFor({}).request('/web/tools.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await script.text();
    expect(code).toContain('/v1/tools');
    expect(code).not.toMatch(/^\s*import\s/m);
    expect((await appFor({}).request('/web/tools.css')).status).toBe(200);
  });

  it('serve a script that parses and the styles, both typed', async () => {
    const script = await appFor({}).request('/web/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(APP_JS);
    expect(() => new Script(APP_JS)).not.toThrow();
    const css = await appFor({}).request('/web/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.box');
  });
});

describe('the page script', () => {
  it('finds the boxes of objects, faces, text lines and people, skipping bad ones', () => {
    const found = helpers.boxesIn({
      objects: [
        { label: 'cat', score: 0.914, box: [0.1, 0.2, 0.5, 0.9] },
        { label: 'x', box: [0.5, 0, 0.4, 1] },
      ],
      faces: [{ score: 0.5, box: [0, 0, 0.2, 0.2] }],
      lines: [
        { text: 'STOP', confidence: 0.99, box: [0.3, 0.3, 0.6, 0.4] },
        { text: 'big', box: [0, 0, 2, 1] },
      ],
      new_images: ['image_2'],
    });
    expect(found.map((f) => [f.label.name, f.label.text, f.box])).toEqual([
      ['cat', 'cat 91%', [0.1, 0.2, 0.5, 0.9]],
      ['face', 'face 50%', [0, 0, 0.2, 0.2]],
      ['STOP', 'STOP 99%', [0.3, 0.3, 0.6, 0.4]],
    ]);
    expect(helpers.boxesIn({ coverage: 0.2, box: [0.1, 0.1, 0.3, 0.9] })[0]?.label.name).toBe('region');
    expect(helpers.boxesIn('text')).toEqual([]);
  });

  it('reads server-sent event blocks', () => {
    expect(helpers.parseBlock('event: answer\ndata: {"type":"answer","text":"hi"}')).toEqual({
      name: 'answer',
      data: { type: 'answer', text: 'hi' },
    });
    expect(helpers.parseBlock(': keep-alive')).toBeNull();
    expect(helpers.parseBlock('data: not json')).toBeNull();
  });
});
