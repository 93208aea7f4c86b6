/**
 * Browser code (served inside `/web/app.js`): element helpers, and the boxes of a tool's output
 * drawn over the picture they refer to. Boxes are `[x1, y1, x2, y2]` fractions of the image, so
 * they are placed in percent and follow the picture when the page is resized.
 */
export const DOM_JS = `
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function codeBlock(value) {
  const pre = el('pre');
  pre.append(el('code', '', JSON.stringify(value, null, 2)));
  return pre;
}

const BOX_LISTS = { objects: 'object', faces: 'face', lines: 'text', people: 'person' };

function isBox(box) {
  return (
    Array.isArray(box) &&
    box.length === 4 &&
    box.every((v) => typeof v === 'number' && v >= 0 && v <= 1) &&
    box[2] > box[0] &&
    box[3] > box[1]
  );
}

function labelOf(item, fallback) {
  const named = typeof item.label === 'string' ? item.label : typeof item.text === 'string' ? item.text : '';
  const name = named.length > 40 ? named.slice(0, 39) + '…' : named || fallback;
  const score = typeof item.score === 'number' ? item.score : item.confidence;
  return { name, text: typeof score === 'number' ? name + ' ' + Math.round(score * 100) + '%' : name };
}

function boxesIn(output) {
  const found = [];
  if (!output || typeof output !== 'object') return found;
  for (const [key, fallback] of Object.entries(BOX_LISTS)) {
    const list = output[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (item && isBox(item.box)) found.push({ box: item.box, label: labelOf(item, fallback) });
    }
  }
  if (isBox(output.box)) found.push({ box: output.box, label: { name: 'region', text: 'region' } });
  return found;
}

function drawBox(frame, box, label, kind) {
  const mark = el('div', 'box ' + kind);
  mark.dataset.label = label.name;
  mark.dataset.box = box.join(',');
  mark.setAttribute('role', 'img');
  mark.setAttribute('aria-label', 'Box: ' + (label.text || label.name));
  mark.style.left = box[0] * 100 + '%';
  mark.style.top = box[1] * 100 + '%';
  mark.style.width = (box[2] - box[0]) * 100 + '%';
  mark.style.height = (box[3] - box[1]) * 100 + '%';
  const tag = el('span', box[1] < 0.08 ? 'tag inside' : 'tag', label.text || label.name);
  tag.setAttribute('aria-hidden', 'true');
  mark.append(tag);
  frame.append(mark);
  return mark;
}
`;
