import { createComposer } from './composer.js';
import { byId, element } from './dom.js';
import { createReasoningSwitch } from './reasoning.js';
import { createConversation, errorOf, type Health, loadHealth, postMessage, readEvents } from './stream.js';
import { createTranscript } from './transcript.js';

// The chat mode: the host's status from /health (again after every reply, as skills can stop or
// come back), the reasoning switch, sending a question (Enter sends, Shift+Enter adds a line),
// and streaming the reply.

function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function renderStatus(status: HTMLElement, health: Health) {
  const model = health.model;
  const parts = [
    model
      ? element('span', 'chip ok', `Model: ${model.model} (${model.backend}, ${model.device})`)
      : element('span', 'chip warn', 'No model configured'),
  ];
  for (const [name, skill] of Object.entries(health.skills ?? {})) {
    const tools = skill.tools === 1 ? '1 tool' : `${skill.tools} tools`;
    const chip = element(
      'span',
      skill.state === 'ready' ? 'chip ok' : 'chip warn',
      `${name}: ${skill.state}, ${tools}`,
    );
    chip.dataset.skill = name;
    if (skill.lastError) {
      chip.title = `Last error: ${skill.lastError}`;
      chip.setAttribute('aria-label', `${chip.textContent}. ${chip.title}`);
    }
    parts.push(chip);
  }
  status.replaceChildren(...parts);
}

export function startChat(): void {
  const form = byId<HTMLFormElement>('composer');
  const question = byId<HTMLTextAreaElement>('question');
  const sendButton = byId<HTMLButtonElement>('send');
  const status = byId('status');
  const notice = byId('notice');
  const log = byId('log');
  let conversation: string | null = null;
  let busy = false;

  const showNotice = (text: string) => {
    if (!text && notice.dataset.fixed) return;
    notice.textContent = text;
    notice.hidden = !text;
  };
  const composer = createComposer(
    {
      drop: byId('drop'),
      file: byId('image'),
      preview: byId('preview'),
      previewImg: byId('preview-img'),
      boxTools: byId('box-tools'),
      boxState: byId('box-state'),
      clearBox: byId('clear-box'),
      removeImage: byId('remove-image'),
    },
    showNotice,
  );
  createReasoningSwitch(byId('show-reasoning'), log, pageStorage());
  // The composer sticks to the bottom and can fill most of a phone's screen (a picture in it): what
  // the conversation scrolls into view stops above it (scroll-margin-bottom in chat.css).
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--composer-height', `${form.offsetHeight}px`);
  }).observe(form);
  const transcript = createTranscript(
    log,
    (handle) =>
      `/v1/conversations/${encodeURIComponent(conversation ?? '')}/images/${encodeURIComponent(handle)}`,
  );

  const refreshStatus = () =>
    loadHealth().then(
      (health) => renderStatus(status, health),
      (error: Error) => {
        status.replaceChildren(
          element('span', 'chip warn', `The host did not answer /health: ${error.message}`),
        );
      },
    );
  const setBusy = (value: boolean) => {
    busy = value;
    sendButton.disabled = value;
    log.setAttribute('aria-busy', String(value));
  };

  async function send() {
    const text = question.value.trim();
    if (!text || busy) return;
    const draft = composer.draft();
    const body = { text, images: draft.image ? [draft.image] : [], ...(draft.box ? { box: draft.box } : {}) };
    setBusy(true);
    showNotice('');
    const turn = transcript.startTurn(text, draft.box);
    try {
      conversation ??= await createConversation();
      let response = await postMessage(conversation, body);
      if (response.status === 404) {
        transcript.reset();
        conversation = await createConversation();
        response = await postMessage(conversation, body);
      }
      if (!response.ok) {
        const message = await errorOf(response);
        turn.fail(message);
        showNotice(message);
        return;
      }
      question.value = '';
      composer.clear();
      await readEvents(response, turn.handle);
    } catch (error) {
      turn.fail(`The request failed: ${(error as Error).message}`);
    } finally {
      setBusy(false);
      question.focus();
      void refreshStatus();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  question.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  void refreshStatus();
}
