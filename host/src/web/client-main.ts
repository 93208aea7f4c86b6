/**
 * Browser code (served inside `/web/app.js`): wires the page together: the host's status from
 * `/health` (again after every reply, as skills can stop or come back), the reasoning switch,
 * sending a question (Enter sends, Shift+Enter adds a line), and streaming the reply.
 */
export const MAIN_JS = `
const byId = (id) => document.getElementById(id);
const form = byId('composer');
const question = byId('question');
const sendButton = byId('send');
const status = byId('status');
const notice = byId('notice');
const log = byId('log');
let conversation = null;
let busy = false;

function showNotice(text) {
  if (!text && notice.dataset.fixed) return;
  notice.textContent = text;
  notice.hidden = !text;
}

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
function pageStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
createReasoningSwitch(byId('show-reasoning'), log, pageStorage());
const transcript = createTranscript(
  log,
  (handle) => '/v1/conversations/' + encodeURIComponent(conversation) + '/images/' + encodeURIComponent(handle),
);

function renderStatus(health) {
  const model = health.model;
  const parts = [
    model
      ? el('span', 'chip ok', 'Model: ' + model.model + ' (' + model.backend + ', ' + model.device + ')')
      : el('span', 'chip warn', 'No model configured'),
  ];
  for (const [name, skill] of Object.entries(health.skills || {})) {
    const tools = skill.tools === 1 ? '1 tool' : skill.tools + ' tools';
    const chip = el('span', skill.state === 'ready' ? 'chip ok' : 'chip warn', name + ': ' + skill.state + ', ' + tools);
    chip.dataset.skill = name;
    if (skill.lastError) {
      chip.title = 'Last error: ' + skill.lastError;
      chip.setAttribute('aria-label', chip.textContent + '. ' + chip.title);
    }
    parts.push(chip);
  }
  status.replaceChildren(...parts);
}

function refreshStatus() {
  return loadHealth().then(renderStatus, (error) => {
    status.replaceChildren(el('span', 'chip warn', 'The host did not answer /health: ' + error.message));
  });
}

function setBusy(value) {
  busy = value;
  sendButton.disabled = value;
  log.setAttribute('aria-busy', String(value));
}

async function send() {
  const text = question.value.trim();
  if (!text || busy) return;
  const draft = composer.draft();
  const body = { text, images: draft.image ? [draft.image] : [] };
  if (draft.box) body.box = draft.box;
  setBusy(true);
  showNotice('');
  const turn = transcript.startTurn(text, draft.box);
  try {
    if (!conversation) conversation = await createConversation();
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
    turn.fail('The request failed: ' + error.message);
  } finally {
    setBusy(false);
    question.focus();
    refreshStatus();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});
question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
refreshStatus();
`;
