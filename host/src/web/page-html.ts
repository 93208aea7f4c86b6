const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/**
 * The chat page: a status line (model, skills and their health), the switch that shows or hides
 * the reasoning, the conversation, and a form with an image (picked, dropped or pasted, a box
 * drawn on it) and a question. Its script and styles are separate routes so the page's
 * Content-Security-Policy allows no inline code. `notice` is shown from the start, e.g. the help
 * for a host that has no model.
 * @see ../../README.md#web-page
 */
export function pageHtml(options: { notice?: string; noModel?: boolean } = {}): string {
  const notice = options.notice
    ? `<p id="notice" role="alert" data-fixed="true">${escapeHtml(options.notice)}</p>`
    : '<p id="notice" role="alert" hidden></p>';
  // Without a model the page opens on the tools, which need none, and says how to add one.
  const modelHelp = options.noModel
    ? `<section id="model-help" aria-label="Add a model">
  <p><strong>No model is configured.</strong> The tools below work without one; the chat needs one.
  In the mmskills folder, pick a vision model, download it (recorded for the host), and start again:</p>
  <pre><code>npx mmskills model list
npx mmskills model pull &lt;name&gt;
npm start</code></pre>
  <p>Or use a model server you run: <code>npm start -- --lmm openai:&lt;base-url&gt;</code>
  (vLLM, SGLang, llama-server, Ollama).</p>
</section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mmskills</title>
<link rel="icon" href="/web/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/web/app.css">
<link rel="stylesheet" href="/web/tools.css">
<script type="module" src="/web/app.js"></script>
</head>
<body data-mode="${options.noModel ? 'tools' : 'chat'}">
<header>
  <h1>mmskills</h1>
  <nav class="modes" aria-label="Mode">
    <button type="button" id="mode-chat" aria-pressed="${options.noModel ? 'false' : 'true'}">Chat</button>
    <button type="button" id="mode-tools" aria-pressed="${options.noModel ? 'true' : 'false'}">Tools</button>
  </nav>
  <p id="status" aria-live="polite"><span class="chip">Checking the host…</span></p>
  <label class="switch"><input type="checkbox" id="show-reasoning" role="switch" checked
    aria-controls="log"> Show reasoning</label>
</header>
${modelHelp}
<form id="key-form" aria-label="API key" hidden>
  <p id="key-reason" role="alert"></p>
  <label for="api-key">API key</label>
  <input id="api-key" type="password" autocomplete="off">
  <button type="submit">Use key</button>
</form>
${notice}
<main id="log" role="log" aria-live="polite" aria-label="Conversation"></main>
<form id="composer" aria-label="Ask about an image">
  <div id="drop" class="drop">
    <label for="image">Image <span class="hint">(choose one, drop it here or paste it)</span></label>
    <input id="image" name="image" type="file" accept="image/*">
    <div id="preview" class="frame preview" tabindex="0" role="group" aria-label="Draw a box on the image"
      aria-describedby="box-state" hidden>
      <img id="preview-img" alt="The image you will send; drag on it to draw a box">
    </div>
    <div id="box-tools" class="box-tools" hidden>
      <p id="box-state" class="hint" aria-live="polite"></p>
      <button type="button" id="clear-box" hidden>Clear box</button>
      <button type="button" id="remove-image">Remove image</button>
    </div>
  </div>
  <label for="question">Question</label>
  <div class="ask">
    <textarea id="question" name="question" rows="2" required aria-describedby="send-hint"
      placeholder="Is there a cat?"></textarea>
    <button type="submit" id="send">Send</button>
  </div>
  <p id="send-hint" class="hint">Enter sends; Shift+Enter starts a new line.</p>
</form>
<section id="tools-panel" aria-label="Run a tool" hidden>
  <form id="tool-form" aria-label="Run one tool" novalidate>
    <label for="tool-pick">Tool</label>
    <select id="tool-pick"></select>
    <p id="tool-about"></p>
    <label for="tool-image">Picture <span class="hint">(for image fields; drag on it to draw a box)</span></label>
    <input id="tool-image" type="file" accept="image/*">
    <div id="tool-frame" hidden><img id="tool-img" alt="The picture the tool runs on"></div>
    <p id="tool-box-state" class="hint" aria-live="polite"></p>
    <button type="button" id="tool-clear-box" hidden>Clear box</button>
    <div id="tool-fields"></div>
    <p id="tool-problem" role="alert" hidden></p>
    <button type="submit" id="tool-run">Run</button>
  </form>
  <div id="tool-results" aria-live="polite" aria-label="Results"></div>
</section>
</body>
</html>
`;
}
