/**
 * Browser code (served inside `/web/app.js`): the chat API calls, and a reader of the
 * server-sent events of `POST /v1/conversations/{id}/messages` (EventSource cannot POST).
 */
export const STREAM_JS = String.raw`
async function loadHealth() {
  const response = await fetch('/health', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error('HTTP ' + response.status);
  return response.json();
}

// The key entered in the page's key form (tools.js keeps it in sessionStorage for the tab).
function authHeaders() {
  try {
    const key = window.sessionStorage.getItem('mmskills.apiKey');
    return key ? { authorization: 'Bearer ' + key } : {};
  } catch {
    return {};
  }
}

async function createConversation() {
  const response = await fetch('/v1/conversations', { method: 'POST', headers: authHeaders() });
  if (!response.ok) throw new Error(await errorOf(response));
  return (await response.json()).id;
}

function postMessage(id, body, signal) {
  return fetch('/v1/conversations/' + encodeURIComponent(id) + '/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders() },
    body: JSON.stringify(body),
    signal,
  });
}

async function errorOf(response) {
  // With API keys set, a 401 opens the page's key form; the next question carries the key.
  if (response.status === 401) document.getElementById('key-form').hidden = false;
  try {
    const body = await response.json();
    // The API's errors are OpenAI's object on /v1/* ({error: {message}}), {error} elsewhere.
    const error = body && body.error;
    if (typeof error === 'string') return error;
    if (error && typeof error.message === 'string') return error.message;
  } catch {}
  return 'The host answered HTTP ' + response.status + '.';
}

function parseBlock(block) {
  let name = 'message';
  const data = [];
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

async function readEvents(response, onEvent) {
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
`;
