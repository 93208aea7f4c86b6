import { byId, element } from './dom.js';

/** The picture the tools run on, as a data: URL, and the box drawn on it as fractions [x1, y1, x2, y2]. */
export interface Picture {
  dataUrl(): string | undefined;
  box(): number[] | undefined;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const clamp = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Wires the tools panel's picture: a file chosen or dropped is shown, and dragging over it draws
 * one box (a new drag replaces it; Clear takes it away).
 */
export function createPicture(onChange: () => void): Picture {
  const input = byId<HTMLInputElement>('tool-image');
  const frame = byId<HTMLDivElement>('tool-frame');
  const img = byId<HTMLImageElement>('tool-img');
  const state = byId<HTMLParagraphElement>('tool-box-state');
  const clear = byId<HTMLButtonElement>('tool-clear-box');
  const overlay = element('div', 'drawn-box');
  overlay.hidden = true;
  frame.append(overlay);
  let dataUrl: string | undefined;
  let box: number[] | undefined;

  const show = () => {
    overlay.hidden = !box;
    clear.hidden = !box;
    if (box) {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = box;
      Object.assign(overlay.style, {
        left: `${x1 * 100}%`,
        top: `${y1 * 100}%`,
        width: `${(x2 - x1) * 100}%`,
        height: `${(y2 - y1) * 100}%`,
      });
    }
    state.textContent = box ? `Box [${box.join(', ')}]` : dataUrl ? 'Drag on the picture to draw a box.' : '';
    onChange();
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

  const at = (event: PointerEvent): [number, number] => {
    const rect = img.getBoundingClientRect();
    return [clamp((event.clientX - rect.left) / rect.width), clamp((event.clientY - rect.top) / rect.height)];
  };
  let start: [number, number] | undefined;
  frame.addEventListener('pointerdown', (event) => {
    if (!dataUrl) return;
    event.preventDefault();
    frame.setPointerCapture(event.pointerId);
    start = at(event);
  });
  frame.addEventListener('pointermove', (event) => {
    if (!start) return;
    const [x, y] = at(event);
    box = [start[0], start[1], x, y].map(round);
    box = [
      Math.min(box[0] ?? 0, box[2] ?? 0),
      Math.min(box[1] ?? 0, box[3] ?? 0),
      Math.max(box[0] ?? 0, box[2] ?? 0),
      Math.max(box[1] ?? 0, box[3] ?? 0),
    ];
    show();
  });
  frame.addEventListener('pointerup', () => {
    start = undefined;
    // A click is no box: under 1% of the picture either way.
    if (box && (box[2] ?? 0) - (box[0] ?? 0) < 0.01 && (box[3] ?? 0) - (box[1] ?? 0) < 0.01) {
      box = undefined;
      show();
    }
  });
  return { dataUrl: () => dataUrl, box: () => box };
}
