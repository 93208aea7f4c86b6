import { element } from './dom.js';

/** What a tool call answers (MCP's CallToolResult, as the host's tools API passes it on). */
export interface ToolResult {
  isError?: boolean;
  content?: Array<{ type: string; text?: string; data?: string; mimeType?: string }>;
  structuredContent?: unknown;
}

/** A result or a failure as one entry of the results list; the newest is scrolled into view. */
export function showResult(list: HTMLElement, tool: string, result: ToolResult | { failure: string }): void {
  const failed = 'failure' in result || result.isError === true;
  const entry = element('article', failed ? 'result error' : 'result');
  entry.append(element('h3', '', `${tool}${failed ? ': failed' : ''}`));
  if ('failure' in result) {
    entry.setAttribute('role', 'alert');
    entry.append(element('p', 'text', result.failure));
  } else {
    if (failed) entry.setAttribute('role', 'alert');
    for (const block of result.content ?? []) {
      if (block.type === 'text' && block.text) entry.append(element('p', 'text', block.text));
      if (block.type === 'image' && block.data && block.mimeType) {
        const img = element('img', 'returned');
        img.src = `data:${block.mimeType};base64,${block.data}`;
        img.alt = `Picture returned by ${tool}`;
        entry.append(img);
      }
    }
    if (result.structuredContent !== undefined) {
      const details = element('details', 'structured');
      details.open = true;
      details.append(
        element('summary', '', 'Structured output'),
        element('pre', '', JSON.stringify(result.structuredContent, null, 2)),
      );
      entry.append(details);
    }
  }
  list.append(entry);
  entry.scrollIntoView({ block: 'nearest' });
}
