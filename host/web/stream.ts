import { authHeaders, errorMessage } from './api.js';
import { byId } from './dom.js';

// The chat API calls, and a reader of the server-sent events of POST
// /v1/conversations/{id}/messages (EventSource cannot POST).

export interface Health {
  model: { model: string; backend: string; device: string } | null;
  skills?: Record<string, { state: string; tools: number; lastError?: string }>;
}

export async function loadHealth(): Promise<Health> {
  const response = await fetch('/health', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as Health;
}

/** The host's words for a failed answer; a 401 opens the key form, so the next question carries it. */
export async function errorOf(response: Response): Promise<string> {
  if (response.status === 401) byId('key-form').hidden = false;
  return errorMessage(await response.json().catch(() => undefined), response.status);
}

export async function createConversation(): Promise<string> {
  const response = await fetch('/v1/conversations', { method: 'POST', headers: authHeaders() });
  if (!response.ok) throw new Error(await errorOf(response));
  return ((await response.json()) as { id: string }).id;
}

export function postMessage(id: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`/v1/conversations/${encodeURIComponent(id)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders() },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** One server-sent event block as its name and JSON data, or null for comments and bad data. */
export function parseBlock(block: string): { name: string; data: unknown } | null {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return null;
  try {
    return { name, data: JSON.parse(data.join('\n')) };
  } catch {
    return null;
  }
}

export async function readEvents(response: Response, onEvent: (name: string, data: unknown) => void) {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer = (buffer + value).replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const event = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) onEvent(event.name, event.data);
      end = buffer.indexOf('\n\n');
    }
  }
}
