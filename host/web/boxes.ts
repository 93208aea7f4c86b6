import { element } from './dom.js';

// The boxes of a tool's output, drawn over the picture they refer to. Boxes are [x1, y1, x2, y2]
// fractions of the image, so they are placed in percent and follow the picture when it resizes.

export type Box = [number, number, number, number];
export interface BoxLabel {
  name: string;
  text?: string;
}

const BOX_LISTS: Record<string, string> = {
  objects: 'object',
  faces: 'face',
  lines: 'text',
  people: 'person',
};

export function isBox(box: unknown): box is Box {
  return (
    Array.isArray(box) &&
    box.length === 4 &&
    box.every((v) => typeof v === 'number' && v >= 0 && v <= 1) &&
    box[2] > box[0] &&
    box[3] > box[1]
  );
}

function labelOf(item: Record<string, unknown>, fallback: string): Required<BoxLabel> {
  const named = typeof item.label === 'string' ? item.label : typeof item.text === 'string' ? item.text : '';
  const name = named.length > 40 ? `${named.slice(0, 39)}…` : named || fallback;
  const score = typeof item.score === 'number' ? item.score : item.confidence;
  return { name, text: typeof score === 'number' ? `${name} ${Math.round(score * 100)}%` : name };
}

/** Every box in a tool's structured output: its lists of objects, faces, text lines and people, or one `box`. */
export function boxesIn(output: unknown): Array<{ box: Box; label: Required<BoxLabel> }> {
  const found: Array<{ box: Box; label: Required<BoxLabel> }> = [];
  if (!output || typeof output !== 'object') return found;
  const fields = output as Record<string, unknown>;
  for (const [key, fallback] of Object.entries(BOX_LISTS)) {
    const list = fields[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (item && typeof item === 'object' && isBox((item as { box?: unknown }).box)) {
        const entry = item as Record<string, unknown> & { box: Box };
        found.push({ box: entry.box, label: labelOf(entry, fallback) });
      }
    }
  }
  if (isBox(fields.box)) found.push({ box: fields.box, label: { name: 'region', text: 'region' } });
  return found;
}

/** A box over `frame`'s picture, with its label as a tag; `kind` is `user` or `tool`. */
export function drawBox(frame: HTMLElement, box: Box, label: BoxLabel, kind: string): HTMLDivElement {
  const mark = element('div', `box ${kind}`);
  mark.dataset.label = label.name;
  mark.dataset.box = box.join(',');
  mark.setAttribute('role', 'img');
  mark.setAttribute('aria-label', `Box: ${label.text || label.name}`);
  mark.style.left = `${box[0] * 100}%`;
  mark.style.top = `${box[1] * 100}%`;
  mark.style.width = `${(box[2] - box[0]) * 100}%`;
  mark.style.height = `${(box[3] - box[1]) * 100}%`;
  const tag = element('span', box[1] < 0.08 ? 'tag inside' : 'tag', label.text || label.name);
  tag.setAttribute('aria-hidden', 'true');
  mark.append(tag);
  frame.append(mark);
  return mark;
}
