import { trackBoxDrawing } from './box-drawing.js';
import { type Box, drawBox } from './boxes.js';
import { byId } from './dom.js';

/** The picture the tools run on, as a data: URL, and the box drawn on it as fractions [x1, y1, x2, y2]. */
export interface Picture {
  dataUrl(): string | undefined;
  box(): Box | undefined;
}

/**
 * Wires the tools panel's picture: a file chosen or dropped is shown, and dragging over it draws
 * one box, as on the chat's preview (a new drag replaces it; Clear takes it away).
 */
export function createPicture(): Picture {
  const input = byId<HTMLInputElement>('tool-image');
  const frame = byId<HTMLDivElement>('tool-frame');
  const img = byId<HTMLImageElement>('tool-img');
  const state = byId<HTMLParagraphElement>('tool-box-state');
  const clear = byId<HTMLButtonElement>('tool-clear-box');
  let dataUrl: string | undefined;
  let box: Box | undefined;
  let mark: HTMLElement | undefined;

  const show = (shown: Box | undefined = box) => {
    mark?.remove();
    mark = shown ? drawBox(frame, shown, { name: 'your box' }, 'user') : undefined;
    clear.hidden = !box;
    state.textContent = box ? `Box [${box.join(', ')}]` : dataUrl ? 'Drag on the picture to draw a box.' : '';
  };
  const load = (file: File | undefined) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      dataUrl = String(reader.result);
      img.src = dataUrl;
      frame.hidden = false;
      box = undefined;
      show();
    };
    reader.readAsDataURL(file);
  };
  input.addEventListener('change', () => load(input.files?.[0]));
  frame.addEventListener('dragover', (event) => event.preventDefault());
  frame.addEventListener('drop', (event) => {
    event.preventDefault();
    load(event.dataTransfer?.files[0]);
  });
  clear.addEventListener('click', () => {
    box = undefined;
    show();
  });
  trackBoxDrawing(frame, img, () => dataUrl !== undefined, {
    drawing: (drawn) => show(drawn),
    drawn: (drawn) => {
      box = drawn ?? undefined;
      show();
    },
    cancelled: () => show(),
  });
  return { dataUrl: () => dataUrl, box: () => box };
}
