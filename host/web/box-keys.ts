import type { Box } from './boxes.js';

// Drawing the box with the keyboard, for people who cannot drag. On the focused preview, Enter or
// Space puts a box over the middle of the picture, arrows move it, Shift+arrows move its right and
// bottom edges, Delete, Backspace or Escape remove it. Steps are 2% of the picture (10% with Alt),
// and the box stays inside it.

const BOX_KEY_MOVES: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};
const SMALLEST_BOX = 0.02;

export const roundBox = (box: number[]): Box => box.map((v) => Math.round(v * 1000) / 1000) as Box;

/** The box after a key press: a new box, null to remove it, or undefined when the key means nothing here. */
export function boxAfterKey(
  box: Box | null,
  key: string,
  modifiers: { shift?: boolean; alt?: boolean } = {},
): Box | null | undefined {
  if (key === 'Enter' || key === ' ') return box ?? [0.25, 0.25, 0.75, 0.75];
  if (key === 'Delete' || key === 'Backspace' || key === 'Escape') return box ? null : undefined;
  const move = BOX_KEY_MOVES[key];
  if (!move || !box) return undefined;
  const step = modifiers.alt ? 0.1 : 0.02;
  const [dx, dy] = [move[0] * step, move[1] * step];
  let [x1, y1, x2, y2] = box;
  if (modifiers.shift) {
    x2 = Math.min(1, Math.max(x1 + SMALLEST_BOX, x2 + dx));
    y2 = Math.min(1, Math.max(y1 + SMALLEST_BOX, y2 + dy));
  } else {
    const shiftX = Math.min(1 - x2, Math.max(-x1, dx));
    const shiftY = Math.min(1 - y2, Math.max(-y1, dy));
    [x1, x2, y1, y2] = [x1 + shiftX, x2 + shiftX, y1 + shiftY, y2 + shiftY];
  }
  return roundBox([x1, y1, x2, y2]);
}
