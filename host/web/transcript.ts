import { type Box, boxesIn, drawBox } from './boxes.js';
import { codeBlock, element } from './dom.js';
import { overlayMask } from './mask.js';
import { drawPoints, pointsIn } from './points.js';

// One section per question, in which the agent's events appear as they stream in. An
// observation's boxes and points, and any mask among the images it returned, are drawn on the
// image its action named (image_1, …), falling back to the user's image of that question.
// Thoughts, actions and observations are the reasoning.

interface ImageEvent {
  handle: string;
  source: string;
}
interface ActionEvent {
  step: number;
  actions: Array<{ API_name: string; API_params?: Record<string, unknown> }>;
}
interface ObservationEvent {
  step: number;
  API_name: string;
  isError?: boolean;
  output: unknown;
}

export function createTranscript(log: HTMLElement, imageUrl: (handle: string) => string) {
  const figures = new Map<string, HTMLElement>();
  // Images a tool returned, by handle: the picture its action named, where a mask would go.
  const madeFrom = new Map<string, HTMLElement>();

  function startTurn(question: string, box: Box | null) {
    const section = element('section', 'turn');
    section.append(element('p', 'you', question));
    log.append(section);
    const pending: Array<{ step: number; name: string; params: Record<string, unknown> }> = [];
    let userImage: string | null = null;

    const add = <T extends Element>(node: T): T => {
      section.append(node);
      node.scrollIntoView({ block: 'nearest' });
      return node;
    };

    const handlers: Record<string, (data: never) => void> = {
      image(event: ImageEvent) {
        const mine = event.source === 'user';
        const figure = element('figure', 'shot');
        const frame = element('div', 'frame');
        const img = element('img');
        img.src = imageUrl(event.handle);
        img.alt = mine ? `Your image, ${event.handle}` : `Image ${event.handle} from ${event.source}`;
        frame.append(img);
        figure.dataset.handle = event.handle;
        const caption = element(
          'figcaption',
          '',
          event.handle + (mine ? ' · your image' : ` · from ${event.source}`),
        );
        figure.append(frame, caption);
        figures.set(event.handle, frame);
        if (mine && !userImage && box) drawBox(frame, box, { name: 'your box' }, 'user');
        if (mine && !userImage) userImage = event.handle;
        add(figure);
        const target = madeFrom.get(event.handle);
        if (!target) return;
        // Says on the returned picture whether it went over its source as a mask.
        const settle = (canvas: HTMLCanvasElement | null) => {
          figure.dataset.mask = canvas ? 'drawn' : 'none';
          if (canvas) caption.textContent += ` · tinted over ${target.parentElement?.dataset.handle}`;
        };
        overlayMask(target, img, event.handle).then(settle, () => settle(null));
      },
      thought(event: { text: string }) {
        add(element('p', 'thought reasoning', event.text));
      },
      action(event: ActionEvent) {
        for (const action of event.actions) {
          const params = action.API_params ?? {};
          pending.push({ step: event.step, name: action.API_name, params });
          const block = element('div', 'action reasoning');
          block.append(
            element('span', 'kind', 'Action'),
            element('code', 'tool', action.API_name),
            codeBlock(params),
          );
          add(block);
        }
      },
      observation(event: ObservationEvent) {
        const at = pending.findIndex((p) => p.step === event.step && p.name === event.API_name);
        const action = at >= 0 ? pending.splice(at, 1)[0] : undefined;
        const details = element(
          'details',
          event.isError ? 'observation reasoning error' : 'observation reasoning',
        );
        const verb = event.isError ? 'Error from ' : 'Output of ';
        details.append(element('summary', '', verb + event.API_name), codeBlock(event.output));
        add(details);
        if (event.isError) return;
        const params = action ? action.params : {};
        const named = typeof params.image === 'string' ? figures.get(params.image) : undefined;
        const target = named ?? (userImage ? figures.get(userImage) : undefined);
        if (!target) return;
        for (const found of boxesIn(event.output)) drawBox(target, found.box, found.label, 'tool');
        const minScore = typeof params.min_score === 'number' ? params.min_score : undefined;
        for (const set of pointsIn(event.output, minScore)) drawPoints(target, set);
        const output = event.output as { new_images?: unknown } | null;
        const made = output && Array.isArray(output.new_images) ? output.new_images : [];
        for (const handle of made) if (typeof handle === 'string') madeFrom.set(handle, target);
      },
      answer(event: { text: string }) {
        const answer = element('p', 'answer');
        answer.append(element('strong', '', event.text));
        add(answer);
      },
      error(event: { message: string }) {
        add(element('p', 'error', `Error: ${event.message}`));
      },
    };

    return {
      handle(name: string, data: unknown) {
        if (Object.hasOwn(handlers, name)) handlers[name]?.(data as never);
      },
      fail(message: string) {
        add(element('p', 'error', message));
      },
    };
  }

  return {
    startTurn,
    reset() {
      figures.clear();
      madeFrom.clear();
    },
  };
}
