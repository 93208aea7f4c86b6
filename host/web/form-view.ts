import { element } from './dom.js';
import type { Field, FormState } from './fields.js';

const HINTS: Partial<Record<Field['kind'], string>> = {
  image: 'Leave empty to send the picture above, or give a path or URL the skill may read.',
  box: 'Leave empty to send the box drawn on the picture, or type [x1, y1, x2, y2] in fractions.',
  boxes: 'Leave empty to send the drawn box, or type a JSON list of [x1, y1, x2, y2] boxes.',
  json: 'JSON.',
};

function control(field: Field): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const id = `field-${field.name}`;
  if (field.kind === 'choice') {
    const select = element('select');
    if (!field.required) select.append(element('option', '', ''));
    for (const choice of field.choices)
      select.append(new Option(choice, choice, false, choice === field.default));
    select.id = id;
    return select;
  }
  if (field.kind === 'json' || field.kind === 'boxes') {
    const area = element('textarea');
    area.rows = 2;
    area.id = id;
    if (field.default !== undefined) area.placeholder = JSON.stringify(field.default);
    return area;
  }
  const input = element('input');
  input.id = id;
  input.type =
    field.kind === 'boolean'
      ? 'checkbox'
      : field.kind === 'number' || field.kind === 'integer'
        ? 'number'
        : 'text';
  if (input.type === 'number') {
    input.step = field.kind === 'integer' ? '1' : 'any';
    if (field.minimum !== undefined) input.min = String(field.minimum);
    if (field.maximum !== undefined) input.max = String(field.maximum);
  }
  if (field.kind === 'boolean') input.checked = field.default === true;
  else if (field.default !== undefined) input.placeholder = String(field.default);
  return input;
}

/** Lays out one labelled control per field in `container`; `read` returns what is filled in now. */
export function renderFields(container: HTMLElement, fields: Field[]): { read(): FormState['values'] } {
  const controls = new Map<string, ReturnType<typeof control>>();
  container.replaceChildren(
    ...fields.map((field) => {
      const input = control(field);
      controls.set(field.name, input);
      const row = element('div', `field field-${field.kind}`);
      const label = element('label', '', field.name);
      label.htmlFor = input.id;
      if (field.required) label.append(element('span', 'required', ' (required)'));
      const described =
        field.description && !/[.!?)]$/.test(field.description) ? `${field.description}.` : field.description;
      const hint = [described, HINTS[field.kind] ?? ''].filter(Boolean).join(' ');
      row.append(label, input);
      if (hint) {
        const about = element('p', 'hint', hint);
        about.id = `${input.id}-hint`;
        input.setAttribute('aria-describedby', about.id);
        row.append(about);
      }
      return row;
    }),
  );
  return {
    read: () =>
      Object.fromEntries(
        [...controls].map(([name, input]) => [
          name,
          input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value,
        ]),
      ),
  };
}
