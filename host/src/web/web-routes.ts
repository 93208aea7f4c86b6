import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import type { HostEnv } from '../http/env.js';
import { BOX_KEYS_JS } from './client-box-keys.js';
import { CLIENT_CSS, clientScript } from './client-bundle.js';
import { COMPOSER_JS } from './client-composer.js';
import { DOM_JS } from './client-dom.js';
import { MAIN_JS } from './client-main.js';
import { MASK_JS } from './client-mask.js';
import { POINTS_JS } from './client-points.js';
import { REASONING_JS } from './client-reasoning.js';
import { STREAM_JS } from './client-stream.js';
import { TRANSCRIPT_JS } from './client-transcript.js';
import { PAGE_CSS } from './page-css.js';
import { pageHtml } from './page-html.js';

/** The page's one script: plain JavaScript, no imports, nothing fetched from elsewhere. */
export const APP_JS = [
  DOM_JS,
  POINTS_JS,
  MASK_JS,
  STREAM_JS,
  BOX_KEYS_JS,
  COMPOSER_JS,
  REASONING_JS,
  TRANSCRIPT_JS,
  MAIN_JS,
].join('');

// Nothing inline and nothing from another origin; `data:` only for the preview of a picked image.
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
 * The web page: `GET /` (chat with images, boxes, keypoints and masks drawn over them), `/web/app.js` and
 * `/web/app.css` (and its icon). A host without a model still serves it, with the help for adding one.
 * @see README.md "Web page"
 */
export function webRoutes() {
  const app = new Hono<HostEnv>();
  app.get('/', (c) => c.html(pageHtml(c.var.host.backend ? {} : { noModel: true }), 200, SECURITY_HEADERS));
  // Read once, on first use: from source that means one esbuild run per process.
  let script: Promise<string> | undefined;
  let css: Promise<string> | undefined;
  app.get('/web/tools.js', async (c) => {
    script ??= clientScript();
    return c.body(await script, 200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/javascript; charset=utf-8',
    });
  });
  app.get('/web/tools.css', async (c) => {
    css ??= readFile(CLIENT_CSS, 'utf8');
    return c.body(await css, 200, { ...SECURITY_HEADERS, 'content-type': 'text/css; charset=utf-8' });
  });
  app.get('/web/app.js', (c) =>
    c.body(APP_JS, 200, { ...SECURITY_HEADERS, 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/web/app.css', (c) =>
    c.body(PAGE_CSS, 200, { ...SECURITY_HEADERS, 'content-type': 'text/css; charset=utf-8' }),
  );
  app.get('/web/icon.svg', (c) =>
    c.body(ICON_SVG, 200, { ...SECURITY_HEADERS, 'content-type': 'image/svg+xml' }),
  );
  return app;
}
