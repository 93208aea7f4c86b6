// The switch that shows or hides the reasoning (thoughts, actions, observations) in the
// conversation, remembered in localStorage so the page opens the way it was left. Answers,
// pictures and overlays stay visible either way.

const REASONING_KEY = 'mmskills.showReasoning';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function readPreference(storage: KeyValueStore | null): boolean {
  try {
    return storage?.getItem(REASONING_KEY) !== 'false';
  } catch {
    return true;
  }
}

export function writePreference(storage: KeyValueStore | null, show: boolean): void {
  try {
    storage?.setItem(REASONING_KEY, String(show));
  } catch {
    // Storage can be disabled or full; the switch still works for this visit.
  }
}

export function createReasoningSwitch(
  input: HTMLInputElement,
  log: HTMLElement,
  storage: KeyValueStore | null,
) {
  const apply = (show: boolean) => {
    input.checked = show;
    log.classList.toggle('hide-reasoning', !show);
  };
  apply(readPreference(storage));
  input.addEventListener('change', () => {
    apply(input.checked);
    writePreference(storage, input.checked);
  });
}
