import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_ICON_SRC_LENGTH, type McpIcon, McpIconsSchema } from '@mmskills/core';

// The base64 of a file this size just fits MAX_ICON_SRC_LENGTH with its `data:` prefix.
const MAX_SVG_BYTES = Math.floor((MAX_ICON_SRC_LENGTH - 64) / 4) * 3;
const SVG_ROOT = /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/;
// Clients may inline an SVG icon; one that can run code or load more has no place in a tool list
// (MCP 2025-11-25, icons: consumers must treat SVG as potentially active content).
const ACTIVE_SVG = /<script|<foreignObject|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*["'](?!#)/i;

/**
 * Reads an SVG that ships in a skill package (list its folder in the package's `files`) and makes it
 * an MCP icon with a base64 `data:` URI: a client may reach no URL of ours (stdio, offline), and a
 * data: URI needs no fetch. Read synchronously, once, when the skill's definition is built.
 * @throws TypeError when the file is missing, over ~12 KiB, not an SVG, or scripted / linking out.
 * @see ../../README.md#icons
 */
export function svgIcon(file: URL, options: { theme?: 'light' | 'dark' } = {}): McpIcon {
  const path = fileURLToPath(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new TypeError(`icon ${path} cannot be read: ${error instanceof Error ? error.message : error}`);
  }
  if (bytes.length > MAX_SVG_BYTES) {
    throw new TypeError(
      `icon ${path} is ${bytes.length} bytes; an SVG icon must be at most ${MAX_SVG_BYTES}`,
    );
  }
  const text = bytes.toString('utf8');
  if (!SVG_ROOT.test(text)) throw new TypeError(`icon ${path} is not an SVG document`);
  if (ACTIVE_SVG.test(text)) {
    throw new TypeError(`icon ${path} has scripts, event handlers or outside links; icons must be static`);
  }
  return {
    src: `data:image/svg+xml;base64,${bytes.toString('base64')}`,
    mimeType: 'image/svg+xml',
    sizes: ['any'],
    ...(options.theme && { theme: options.theme }),
  };
}

/** Checks the icons of a skill or tool definition; `owner` names it in the error. */
export function checkIcons(owner: string, icons: readonly McpIcon[]): void {
  const checked = McpIconsSchema.safeParse(icons);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new TypeError(`${owner} icons/${issue?.path.join('/')}: ${issue?.message}`);
  }
}
