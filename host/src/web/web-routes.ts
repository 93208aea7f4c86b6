import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import type { HostEnv } from '../http/env.js';
import { CLIENT_STYLES, clientScript } from './client-bundle.js';
import { pageHtml } from './page-html.js';

// Nothing inline and nothing from another origin; `data:` only for pictures the page holds.
export const PAGE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// A box over a picture, so browsers do not ask for a /favicon.ico that is not there.
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b62d6"/>' +
  '<rect x="3.5" y="4.5" width="9" height="7" fill="none" stroke="#fff" stroke-width="1.5"/></svg>';

const SECURITY_HEADERS = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * The web page: `GET /` (chat with images and the tools mode), `/web/app.js` (the bundle of
 * host/web/'s TypeScript modules), `/web/app.css`, `/web/tools.css` and its icon. A host without a
 * model opens on the tools, with the help for adding one.
 * @see ../../README.md#web-page
 */
export function webRoutes() {
  const app = new Hono<HostEnv>();
  app.get('/', (c) => c.html(pageHtml(c.var.host.backend ? {} : { noModel: true }), 200, SECURITY_HEADERS));
  // Read once, on first use: from source that means one esbuild run per process.
  let script: Promise<string> | undefined;
  const styles = new Map<string, Promise<string>>();
  app.get('/web/app.js', async (c) => {
    script ??= clientScript();
    return c.body(await script, 200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/javascript; charset=utf-8',
    });
  });
  for (const [name, file] of Object.entries(CLIENT_STYLES)) {
    app.get(`/web/${name}`, async (c) => {
      if (!styles.has(name)) styles.set(name, readFile(file, 'utf8'));
      return c.body(await (styles.get(name) as Promise<string>), 200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/css; charset=utf-8',
      });
    });
  }
  app.get('/web/icon.svg', (c) =>
    c.body(ICON_SVG, 200, { ...SECURITY_HEADERS, 'content-type': 'image/svg+xml' }),
  );
  return app;
}
