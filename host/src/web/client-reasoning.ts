/**
 * Browser code (served inside `/web/app.js`): the switch that shows or hides the reasoning
 * (thoughts, actions, observations) in the conversation, remembered in `localStorage` so the page
 * opens the way it was left. Answers, pictures and overlays stay visible either way.
 */
export const REASONING_JS = `
const REASONING_KEY = 'mmskills.showReasoning';

function readPreference(storage) {
  try {
    return storage.getItem(REASONING_KEY) !== 'false';
  } catch {
    return true;
  }
}

function writePreference(storage, show) {
  try {
    storage.setItem(REASONING_KEY, String(show));
  } catch {
    // Storage can be disabled or full; the switch still works for this visit.
  }
}

function createReasoningSwitch(input, log, storage) {
  function apply(show) {
    input.checked = show;
    log.classList.toggle('hide-reasoning', !show);
  }
  apply(readPreference(storage));
  input.addEventListener('change', () => {
    apply(input.checked);
    writePreference(storage, input.checked);
  });
}
`;
