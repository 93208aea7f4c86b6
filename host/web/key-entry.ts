import { ApiError, saveKey } from './api.js';
import { byId } from './dom.js';

// One key form for the whole page: the tools mode waits on it; the chat shows it on a 401.
const form = byId<HTMLFormElement>('key-form');
const input = byId<HTMLInputElement>('api-key');
const waiting: Array<() => void> = [];
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = input.value.trim();
  if (!key) return;
  saveKey(key);
  input.value = '';
  form.hidden = true;
  for (const resume of waiting.splice(0)) resume();
});

function askForKey(reason: string): Promise<void> {
  byId<HTMLParagraphElement>('key-reason').textContent = `The host asks for an API key: ${reason}`;
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => waiting.push(resolve));
}

/**
 * Runs `call`; when the host answers 401 (it was started with API keys), asks for the key and
 * runs `call` again with it, as often as it takes.
 */
export async function withKey<T>(call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      await askForKey(error.message);
    }
  }
}
