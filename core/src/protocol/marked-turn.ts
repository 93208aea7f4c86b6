import { readLooseJson, skipSpace } from './loose-json.js';
import { normalizeActions } from './normalize-turn.js';
import { TurnMarker } from './turn.js';
import { TurnParseError } from './turn-parse-error.js';

type MarkerName = keyof typeof TurnMarker;

interface FoundMarker {
  /** Index of the marker, including its opening quote when it has one. */
  start: number;
  /** Index of the text after the marker and the one space or line break that follows it. */
  contentStart: number;
}

const FENCE = '```';

/** Index of the first marker of any kind in `text`, or -1. */
export function firstMarkerIndex(text: string): number {
  const found = Object.values(TurnMarker)
    .map((marker) => text.indexOf(marker))
    .filter((index) => index >= 0);
  return found.length === 0 ? -1 : Math.min(...found);
}

/**
 * Reads the marker form `"thoughts🤔" … "actions🚀" [...] "value👉" …` (quotes optional, any part
 * missing, prose before). The value runs to the end of the text, or to the closing code fence when
 * the markers sit inside one. Thoughts end at the first `actions🚀` after them, so thoughts cannot
 * contain that text; actions and value may contain anything.
 */
export function parseMarkedTurn(text: string, firstMarker: number): unknown {
  const fenced = countOccurrences(text, FENCE, firstMarker) % 2 === 1;
  const thoughts = findMarker(text, 'thoughts', 0);
  const actions = findMarker(text, 'actions', thoughts?.contentStart ?? 0);
  const read = actions ? readActions(text, actions.contentStart) : { actions: [], end: 0 };
  const value = findMarker(text, 'value', actions ? read.end : (thoughts?.contentStart ?? 0));

  let thoughtsText = '';
  if (thoughts) {
    const next = actions ?? value;
    thoughtsText = next
      ? dropSeparator(text.slice(thoughts.contentStart, next.start))
      : untilFence(text, thoughts.contentStart, fenced);
  }
  const valueText = value ? untilFence(text, value.contentStart, fenced) : '';
  return { thoughts: thoughtsText, actions: read.actions, value: valueText };
}

function findMarker(text: string, name: MarkerName, from: number): FoundMarker | undefined {
  const marker = TurnMarker[name];
  const index = text.indexOf(marker, from);
  if (index < 0) return undefined;
  const quoted = index > from && text[index - 1] === '"';
  let pos = index + marker.length;
  if (text[pos] === '\uFE0F') pos++;
  if (quoted && text[pos] === '"') pos++;
  if (text[pos] === ':') pos++;
  if (text[pos] === ' ' || text[pos] === '\n') pos++;
  else if (text.startsWith('\r\n', pos)) pos += 2;
  return { start: quoted ? index - 1 : index, contentStart: pos };
}

function readActions(
  text: string,
  from: number,
): { actions: ReturnType<typeof normalizeActions>; end: number } {
  const start = skipSpace(text, from);
  if (start >= text.length || startsMarker(text, start, 'value')) return { actions: [], end: from };
  const excerpt = text.slice(start, start + 400);
  const result = readLooseJson(text, start);
  if (!result.ok) {
    throw new TurnParseError(
      `the actions after "${TurnMarker.actions}" are not a readable JSON array: ${result.problem} at offset ${result.at - start}`,
      excerpt,
    );
  }
  return { actions: normalizeActions(result.value, excerpt), end: result.end };
}

function startsMarker(text: string, pos: number, name: MarkerName): boolean {
  return text.startsWith(TurnMarker[name], text[pos] === '"' ? pos + 1 : pos);
}

/** Drops the one line break (or space) the renderer puts before the next marker. */
function dropSeparator(text: string): string {
  return text.endsWith('\n') || text.endsWith(' ') ? text.slice(0, -1) : text;
}

function untilFence(text: string, from: number, fenced: boolean): string {
  if (!fenced) return text.slice(from);
  const close = text.indexOf(FENCE, from);
  return close < 0 ? text.slice(from) : dropSeparator(text.slice(from, close));
}

function countOccurrences(text: string, needle: string, before: number): number {
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0 && i < before; i = text.indexOf(needle, i + needle.length))
    count++;
  return count;
}
