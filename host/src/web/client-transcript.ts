/**
 * Browser code (served inside `/web/app.js`): one section per question, in which the agent's
 * events appear as they stream in. An observation's boxes and points, and any mask among the
 * images it returned, are drawn on the image its action named (`image_1`, …), falling back to
 * the user's image of that question. Thoughts, actions and observations are the reasoning.
 */
export const TRANSCRIPT_JS = `
function createTranscript(log, imageUrl) {
  const figures = new Map();
  // Images a tool returned, by handle: the picture its action named, where a mask would go.
  const madeFrom = new Map();

  function startTurn(question, box) {
    const section = el('section', 'turn');
    section.append(el('p', 'you', question));
    log.append(section);
    const pending = [];
    let userImage = null;

    function add(node) {
      section.append(node);
      node.scrollIntoView({ block: 'nearest' });
      return node;
    }

    const handlers = {
      image(event) {
        const mine = event.source === 'user';
        const figure = el('figure', 'shot');
        const frame = el('div', 'frame');
        const img = el('img');
        img.src = imageUrl(event.handle);
        img.alt = mine ? 'Your image, ' + event.handle : 'Image ' + event.handle + ' from ' + event.source;
        frame.append(img);
        figure.dataset.handle = event.handle;
        const caption = el('figcaption', '', event.handle + (mine ? ' · your image' : ' · from ' + event.source));
        figure.append(frame, caption);
        figures.set(event.handle, frame);
        if (mine && !userImage && box) drawBox(frame, box, { name: 'your box' }, 'user');
        if (mine && !userImage) userImage = event.handle;
        add(figure);
        const target = madeFrom.get(event.handle);
        if (!target) return;
        // Says on the returned picture whether it went over its source as a mask.
        const settle = (canvas) => {
          figure.dataset.mask = canvas ? 'drawn' : 'none';
          if (canvas) caption.textContent += ' · tinted over ' + target.parentElement.dataset.handle;
        };
        overlayMask(target, img, event.handle).then(settle, () => settle(null));
      },
      thought(event) {
        add(el('p', 'thought reasoning', event.text));
      },
      action(event) {
        for (const action of event.actions) {
          const params = action.API_params || {};
          pending.push({ step: event.step, name: action.API_name, params });
          const block = el('div', 'action reasoning');
          block.append(el('span', 'kind', 'Action'), el('code', 'tool', action.API_name), codeBlock(params));
          add(block);
        }
      },
      observation(event) {
        const at = pending.findIndex((p) => p.step === event.step && p.name === event.API_name);
        const action = at >= 0 ? pending.splice(at, 1)[0] : undefined;
        const details = el('details', event.isError ? 'observation reasoning error' : 'observation reasoning');
        const verb = event.isError ? 'Error from ' : 'Output of ';
        details.append(el('summary', '', verb + event.API_name), codeBlock(event.output));
        add(details);
        if (event.isError) return;
        const params = action ? action.params : {};
        const named = typeof params.image === 'string' ? figures.get(params.image) : undefined;
        const target = named || (userImage ? figures.get(userImage) : undefined);
        if (!target) return;
        for (const found of boxesIn(event.output)) drawBox(target, found.box, found.label, 'tool');
        const minScore = typeof params.min_score === 'number' ? params.min_score : undefined;
        for (const set of pointsIn(event.output, minScore)) drawPoints(target, set);
        const made = event.output && Array.isArray(event.output.new_images) ? event.output.new_images : [];
        for (const handle of made) madeFrom.set(handle, target);
      },
      answer(event) {
        const answer = el('p', 'answer');
        answer.append(el('strong', '', event.text));
        add(answer);
      },
      error(event) {
        add(el('p', 'error', 'Error: ' + event.message));
      },
    };

    return {
      handle(name, data) {
        if (Object.hasOwn(handlers, name)) handlers[name](data);
      },
      fail(message) {
        add(el('p', 'error', message));
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
`;
