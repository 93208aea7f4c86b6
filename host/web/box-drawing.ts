import { roundBox } from './box-keys.js';
import type { Box } from './boxes.js';

export interface BoxDrawing {
  /** While dragging: the box so far. */
  drawing(box: Box): void;
  /** The drag ended: the box, or null for a click (under 1% of the picture either way). */
  drawn(box: Box | null): void;
  /** The browser took the pointer away; the box before the drag stands. */
  cancelled(): void;
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Dragging with the main button (mouse, pen or finger) on `frame` draws a box over `img`, in
 * fractions [x1, y1, x2, y2] of the picture (LLaVA-Plus visual prompting), while `enabled()` says a
 * picture is there.
 */
export function trackBoxDrawing(
  frame: HTMLElement,
  img: HTMLImageElement,
  enabled: () => boolean,
  on: BoxDrawing,
): void {
  let start: [number, number] | null = null;
  const point = (event: PointerEvent): [number, number] => {
    const r = img.getBoundingClientRect();
    return [clamp((event.clientX - r.left) / r.width), clamp((event.clientY - r.top) / r.height)];
  };
  const rect = (a: [number, number], b: [number, number]) =>
    roundBox([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])]);

  frame.addEventListener('pointerdown', (event) => {
    if (!enabled() || event.button !== 0) return;
    event.preventDefault();
    frame.setPointerCapture(event.pointerId);
    start = point(event);
  });
  frame.addEventListener('pointermove', (event) => {
    if (start) on.drawing(rect(start, point(event)));
  });
  frame.addEventListener('pointerup', (event) => {
    if (!start) return;
    const box = rect(start, point(event));
    start = null;
    on.drawn(box[2] - box[0] > 0.01 && box[3] - box[1] > 0.01 ? box : null);
  });
  frame.addEventListener('pointercancel', () => {
    start = null;
    on.cancelled();
  });
}
