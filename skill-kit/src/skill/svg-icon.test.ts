import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSkill } from './define-skill.js';
import { defineTool } from './define-tool.js';
import { svgIcon } from './svg-icon.js';

const dir = mkdtempSync(join(tmpdir(), 'svg-icon-'));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return pathToFileURL(path);
};
const DRAWING =
  '<?xml version="1.0"?>\n<!-- a ring -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">' +
  '<circle cx="12" cy="12" r="9" fill="none" stroke="#2f7fd8"/></svg>\n';

afterAll(async () => {
  const { rm } = await import('node:fs/promises');
  await rm(dir, { recursive: true, force: true });
});

describe('svgIcon', () => {
  it('makes a shipped SVG a base64 data: URI icon that decodes to the same bytes', () => {
    const icon = svgIcon(file('ring.svg', DRAWING), { theme: 'light' });
    expect(icon).toMatchObject({ mimeType: 'image/svg+xml', sizes: ['any'], theme: 'light' });
    const [prefix, base64] = icon.src.split(',');
    expect(prefix).toBe('data:image/svg+xml;base64');
    expect(Buffer.from(base64 ?? '', 'base64').toString('utf8')).toBe(DRAWING);
  });

  it.each([
    ['a missing file', 'missing.svg', undefined, /cannot be read/],
    ['a PNG', 'dot.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), /not an SVG/],
    ['HTML', 'page.svg', '<html><svg></svg></html>', /not an SVG/],
    ['a script', 'script.svg', '<svg><script>alert(1)</script></svg>', /must be static/],
    ['an event handler', 'onload.svg', '<svg onload="alert(1)"></svg>', /must be static/],
    ['an outside link', 'link.svg', '<svg><image href="https://example.com/x.png"/></svg>', /must be static/],
    ['a huge drawing', 'huge.svg', `<svg>${'<g/>'.repeat(4000)}</svg>`, /must be at most \d+/],
  ])('refuses %s', (_case, name, text, message) => {
    const url = text === undefined ? pathToFileURL(join(dir, name)) : file(name, text);
    expect(() => svgIcon(url)).toThrow(message);
  });

  it('keeps links inside the drawing', () => {
    const inside = '<svg><defs><path id="p" d="M0 0h1"/></defs><use href="#p"/></svg>';
    expect(() => svgIcon(file('use.svg', inside))).not.toThrow();
  });
});

describe('icons on definitions', () => {
  const tool = {
    name: 'echo_text',
    title: 'Echo text',
    description: 'Repeats the text.',
    input: z.object({ text: z.string() }),
    output: z.object({ text: z.string() }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run({ text }: { text: string }) {
      return { structured: { text } };
    },
  };
  const skill = {
    name: 'echo',
    title: 'Echo',
    description: 'Echoes.',
    version: '0.1.0',
    packageName: '@x/echo',
  };

  it('takes a data: URI from svgIcon and an https URL', () => {
    const icons = [
      svgIcon(file('ok.svg', DRAWING)),
      { src: 'https://example.com/echo.png', sizes: ['48x48'] },
    ];
    expect(defineTool({ ...tool, icons }).icons).toEqual(icons);
    expect(defineSkill({ ...skill, icons, tools: [] }).icons).toEqual(icons);
  });

  it.each([
    ['plain http', { src: 'http://example.com/echo.png' }, /https URL or a base64 data/],
    ['a data: URI of HTML', { src: 'data:text/html;base64,PGI+', mimeType: 'image/png' }, /https URL/],
    [
      'a mimeType its data differs from',
      { src: 'data:image/png;base64,AAAA', mimeType: 'image/webp' },
      /match/,
    ],
    ['a bad size', { src: 'https://example.com/a.png', sizes: ['big'] }, /"WxH" or "any"/],
  ])('refuses %s, naming the tool and the icon', (_case, icon, message) => {
    expect(() => defineTool({ ...tool, icons: [icon as never] })).toThrow(/tool "echo_text" icons\/0/);
    expect(() => defineSkill({ ...skill, icons: [icon as never], tools: [] })).toThrow(message);
  });
});
