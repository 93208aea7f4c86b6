/**
 * The chat page's styles (served as `/web/app.css`): one column that fits a 375px phone,
 * light and dark schemes, overlays (boxes, points, masks) positioned in percent over their
 * picture, and the reasoning hidden when the switch is off.
 */
export const PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fafafa; --muted: #6b6b70; --line: #d7d7db;
  --panel: #ffffff; --accent: #0b62d6; --box: #e4572e; --user: #14a06f; --warn: #a15c00; --pose: #00b3c7; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececef; --bg: #151517; --muted: #a0a0a8; --line: #3a3a40; --panel: #1f1f23;
    --accent: #6aa8ff; --warn: #ffb44c; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--fg);
  background: var(--bg); min-height: 100vh; display: flex; flex-direction: column; }
header, #notice, main, form { width: 100%; max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1rem; padding-top: 0.75rem; }
h1 { font-size: 1.25rem; margin: 0; }
#status { margin: 0; display: flex; flex-wrap: wrap; gap: 0.35rem; }
.chip { font-size: 0.8rem; padding: 0.1rem 0.5rem; border: 1px solid var(--line); border-radius: 1rem; }
.chip.ok::before { content: '● '; color: var(--user); }
.chip.warn { color: var(--warn); border-color: var(--warn); }
.switch { display: inline-flex; align-items: center; gap: 0.35rem; margin-left: auto; font-size: 0.9rem;
  font-weight: normal; cursor: pointer; }
.switch input { width: 1.1rem; height: 1.1rem; margin: 0; accent-color: var(--accent); }
.hide-reasoning .reasoning { display: none; }
#notice { margin-top: 0.75rem; padding: 0.75rem 1rem; border: 1px solid var(--warn); border-radius: 0.5rem;
  color: var(--fg); background: color-mix(in srgb, var(--warn) 12%, transparent); overflow-wrap: anywhere; }
main { flex: 1; display: flex; flex-direction: column; gap: 1rem; padding-top: 1rem; padding-bottom: 1rem; }
main:empty::before { content: 'Pick or drop an image, draw a box on it if you like, and ask a question about it.'; color: var(--muted); }
.turn { display: flex; flex-direction: column; gap: 0.5rem; }
.you { align-self: flex-end; max-width: 85%; margin: 0; padding: 0.5rem 0.75rem; border-radius: 0.75rem;
  background: var(--accent); color: #fff; white-space: pre-wrap; overflow-wrap: anywhere; }
.thought { margin: 0; color: var(--muted); font-style: italic; }
.action { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.5rem; }
.action .kind { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.action .tool { font-weight: 600; }
pre { margin: 0; width: 100%; max-height: 16rem; overflow: auto; padding: 0.5rem; font-size: 0.8rem;
  background: var(--panel); border: 1px solid var(--line); border-radius: 0.4rem; }
.observation summary { cursor: pointer; color: var(--muted); }
.observation.error summary, .error { color: #c62828; }
.error { margin: 0; overflow-wrap: anywhere; }
.answer { margin: 0; font-size: 1.05rem; }
.shot { margin: 0; max-width: 100%; }
.shot figcaption { font-size: 0.8rem; color: var(--muted); }
.frame { position: relative; display: inline-block; max-width: 100%; line-height: 0; }
.frame img { display: block; max-width: 100%; max-height: 60vh; height: auto; }
.box { position: absolute; border: 2px solid var(--box); border-radius: 2px; pointer-events: none;
  box-shadow: 0 0 0 1px rgb(0 0 0 / 0.35); }
.box.user { border-style: dashed; border-color: var(--user); }
.tag { position: absolute; left: -2px; bottom: 100%; padding: 0.1rem 0.3rem; font-size: 0.75rem; line-height: 1.2;
  white-space: nowrap; color: #fff; background: var(--box); border-radius: 2px 2px 0 0; }
.tag.inside { bottom: auto; top: 0; left: 0; border-radius: 0 0 2px 0; }
.box.user .tag { background: var(--user); }
.points { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; pointer-events: none; }
.points line { stroke: var(--pose); stroke-width: 2.5; stroke-linecap: round; }
.points circle { fill: #fff; stroke: var(--pose); stroke-width: 1.5; }
.points.landmarks circle { stroke: var(--box); }
.mask { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
form { position: sticky; bottom: 0; padding-top: 0.75rem; padding-bottom: 0.75rem; background: var(--bg);
  border-top: 1px solid var(--line); display: flex; flex-direction: column; gap: 0.35rem; }
label { font-weight: 600; }
.drop { display: flex; flex-direction: column; gap: 0.35rem; padding: 0.5rem; border: 1px dashed var(--line);
  border-radius: 0.5rem; }
.drop.over { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 8%, transparent); }
.preview { cursor: crosshair; touch-action: none; user-select: none; align-self: flex-start; }
.preview img { max-height: 35vh; }
.box-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.box-tools p { margin: 0; flex: 1 1 12rem; }
.hint { font-size: 0.8rem; font-weight: normal; color: var(--muted); margin: 0; }
.ask { display: flex; gap: 0.5rem; }
textarea { flex: 1; min-width: 0; font: inherit; padding: 0.5rem; border: 1px solid var(--line);
  border-radius: 0.4rem; background: var(--panel); color: var(--fg); resize: vertical; }
button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 0.4rem; border: 1px solid var(--line);
  background: var(--panel); color: var(--fg); cursor: pointer; }
button[type='submit'] { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
button:disabled { opacity: 0.55; cursor: progress; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
input[type='file'] { max-width: 100%; font: inherit; font-size: 0.9rem; }
`;
