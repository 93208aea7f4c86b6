import { callApi } from './api.js';
import { byId, element } from './dom.js';
import { argumentsOf, type Field, fieldsOf, type ObjectSchema } from './fields.js';
import { renderFields } from './form-view.js';
import { withKey } from './key-entry.js';
import { createPicture } from './picture.js';
import { showResult, type ToolResult } from './result-view.js';

// The page's tools mode: pick any tool of any running skill, fill in a form made from its input
// schema, run it, and see its text, structured output and pictures. It needs no model, so a host
// without one opens here.

interface ListedTool {
  skill: string;
  name: string;
  tool: string;
  title?: string;
  description: string;
  inputSchema: ObjectSchema;
}

/** The tools mode, and the Chat / Tools switch. */
export function startTools(): void {
  const modes = { chat: byId('mode-chat'), tools: byId('mode-tools') };
  const panels = { chat: [byId('log'), byId('composer')], tools: [byId('tools-panel')] };

  function setMode(mode: 'chat' | 'tools') {
    document.body.dataset.mode = mode;
    for (const name of ['chat', 'tools'] as const) {
      modes[name].setAttribute('aria-pressed', String(name === mode));
      for (const panel of panels[name]) panel.hidden = name !== mode;
    }
  }
  modes.chat.addEventListener('click', () => setMode('chat'));
  modes.tools.addEventListener('click', () => setMode('tools'));
  setMode(document.body.dataset.mode === 'tools' ? 'tools' : 'chat');

  const pick = byId<HTMLSelectElement>('tool-pick');
  const about = byId<HTMLParagraphElement>('tool-about');
  const problem = byId<HTMLParagraphElement>('tool-problem');
  const run = byId<HTMLButtonElement>('tool-run');
  const results = byId<HTMLDivElement>('tool-results');
  const picture = createPicture();
  let tools: ListedTool[] = [];
  let fields: Field[] = [];
  let form: ReturnType<typeof renderFields> | undefined;

  function choose(name: string) {
    const chosen = tools.find((tool) => tool.name === name);
    if (!chosen) return;
    about.textContent = chosen.description;
    fields = fieldsOf(chosen.inputSchema);
    form = renderFields(byId('tool-fields'), fields);
    problem.hidden = true;
  }

  async function loadTools() {
    const { tools: listed } = await withKey(() => callApi<{ tools: ListedTool[] }>('/v1/tools'));
    tools = listed;
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const tool of tools) {
      let group = groups.get(tool.skill);
      if (!group) {
        group = element('optgroup');
        group.label = tool.skill;
        groups.set(tool.skill, group);
      }
      group.append(new Option(tool.title ? `${tool.tool} (${tool.title})` : tool.tool, tool.name));
    }
    pick.replaceChildren(...groups.values());
    run.disabled = tools.length === 0;
    if (tools[0]) choose(tools[0].name);
    else about.textContent = 'No skill is running, so there is no tool to run.';
  }

  pick.addEventListener('change', () => choose(pick.value));
  byId<HTMLFormElement>('tool-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = pick.value;
    const picked = picture.dataUrl();
    const box = picture.box();
    const made = argumentsOf(fields, {
      values: form?.read() ?? {},
      ...(picked ? { picture: picked } : {}),
      ...(box ? { box } : {}),
    });
    problem.hidden = made.ok;
    if (!made.ok) {
      problem.textContent = made.problem;
      return;
    }
    run.disabled = true;
    run.textContent = 'Running…';
    try {
      const result = await withKey(() =>
        callApi<ToolResult>(`/v1/tools/${encodeURIComponent(name)}/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ arguments: made.arguments }),
        }),
      );
      showResult(results, name, result);
    } catch (error) {
      showResult(results, name, { failure: (error as Error).message });
    } finally {
      run.disabled = false;
      run.textContent = 'Run';
    }
  });

  loadTools().catch((error: Error) => {
    about.textContent = `The tools could not be listed: ${error.message}`;
  });
}
