import { trackBoxDrawing } from './box-drawing.js';
import { boxAfterKey } from './box-keys.js';
import { type Box, drawBox } from './boxes.js';

// The image to send (picked, dropped or pasted, shown as a preview) and the box the user draws on
// it with the mouse, pen, finger or keys, kept as [x1, y1, x2, y2] fractions (LLaVA-Plus visual
// prompting).

export interface ComposerElements {
  drop: HTMLElement;
  file: HTMLInputElement;
  preview: HTMLElement;
  previewImg: HTMLImageElement;
  boxTools: HTMLElement;
  boxState: HTMLElement;
  clearBox: HTMLButtonElement;
  removeImage: HTMLButtonElement;
}

export interface Draft {
  image: string | null;
  box: Box | null;
}

export function createComposer(els: ComposerElements, showNotice: (text: string) => void) {
  const draft: Draft = { image: null, box: null };
  let mark: HTMLElement | null = null;

  function renderBox(box: Box | null = draft.box) {
    mark?.remove();
    mark = box ? drawBox(els.preview, box, { name: 'your box' }, 'user') : null;
    els.clearBox.hidden = !draft.box;
    els.boxState.textContent = draft.box
      ? `Box [${draft.box.join(', ')}] will be sent with the question. ` +
        'On the image, arrows move it, Shift+arrows resize it, Delete removes it.'
      : 'Optional: drag on the image to draw a box around what you mean (or focus it and press Enter).';
  }

  function setImage(file: File | undefined) {
    if (!file) return;
    if (!file.type.startsWith('image/')) {
      showNotice(`${file.name} is not an image: choose a PNG, JPEG or WebP picture.`);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      draft.image = String(reader.result);
      draft.box = null;
      els.previewImg.src = draft.image;
      els.preview.hidden = false;
      els.boxTools.hidden = false;
      showNotice('');
      renderBox();
    };
    reader.onerror = () => showNotice(`Could not read ${file.name}.`);
    reader.readAsDataURL(file);
  }

  els.file.addEventListener('change', () => setImage(els.file.files?.[0]));
  for (const type of ['dragenter', 'dragover']) {
    els.drop.addEventListener(type, (event) => {
      event.preventDefault();
      els.drop.classList.add('over');
    });
  }
  els.drop.addEventListener('dragleave', () => els.drop.classList.remove('over'));
  els.drop.addEventListener('drop', (event) => {
    event.preventDefault();
    els.drop.classList.remove('over');
    setImage(event.dataTransfer?.files[0]);
  });
  // Anywhere on the page: a pasted picture becomes the image; pasted text still goes where it goes.
  document.addEventListener('paste', (event) => {
    const files = event.clipboardData ? [...event.clipboardData.files] : [];
    if (files.length === 0) return;
    const picture = files.find((file) => file.type.startsWith('image/'));
    if (!picture && event.clipboardData?.types.includes('text/plain')) return;
    event.preventDefault();
    setImage(picture ?? files[0]);
  });

  trackBoxDrawing(els.preview, els.previewImg, () => draft.image !== null, {
    drawing: (box) => renderBox(box),
    drawn: (box) => {
      draft.box = box;
      renderBox();
    },
    cancelled: () => renderBox(),
  });
  els.preview.addEventListener('keydown', (event) => {
    if (!draft.image || event.ctrlKey || event.metaKey) return;
    const next = boxAfterKey(draft.box, event.key, { shift: event.shiftKey, alt: event.altKey });
    if (next === undefined) return;
    event.preventDefault();
    draft.box = next;
    renderBox();
  });
  els.clearBox.addEventListener('click', () => {
    draft.box = null;
    renderBox();
  });

  function clear() {
    draft.image = null;
    draft.box = null;
    els.file.value = '';
    els.previewImg.removeAttribute('src');
    els.preview.hidden = true;
    els.boxTools.hidden = true;
    renderBox();
  }
  els.removeImage.addEventListener('click', clear);

  return { draft: (): Draft => ({ image: draft.image, box: draft.box }), clear };
}
