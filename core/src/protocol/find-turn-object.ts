import { readLooseJson, skipSpace } from './loose-json.js';
import { isTurnLike } from './normalize-turn.js';

export type TurnObjectSearch =
  | { found: true; object: Record<string, unknown>; start: number }
  | { found: false; broken?: { problem: string; start: number; at: number }; tooComplex: boolean };

/** Characters the search may read, per character of input, before it gives up. */
const WORK_PER_CHARACTER = 8;
const MIN_WORK = 1_000_000;

/**
 * Finds the first JSON object that starts before `before` and reads as a turn, in code fences or
 * prose alike. An object whose first key is a turn key but that does not read (say, cut off) is
 * reported as `broken`, and the objects inside it are not tried, so a cut-off turn is never mistaken
 * for the `{"value": …}` inside its parameters. Bounded work: adversarial input ends as `tooComplex`.
 */
export function findTurnObject(text: string, before: number): TurnObjectSearch {
  const budget = WORK_PER_CHARACTER * text.length + MIN_WORK;
  let work = 0;
  let broken: { problem: string; start: number; at: number } | undefined;
  let start = text.indexOf('{');
  while (start >= 0 && start < before) {
    if (!opensKey(text, start)) {
      start = text.indexOf('{', start + 1);
      continue;
    }
    const result = readLooseJson(text, start);
    let next = start + 1;
    if (result.ok) {
      if (isTurnLike(result.value)) return { found: true, object: result.value, start };
      next = result.end;
      work += result.end - start;
    } else {
      work += result.at - start + 1;
      if (startsWithTurnKey(text, start)) {
        broken ??= { problem: result.problem, start, at: result.at };
        next = Math.max(next, result.at);
      }
    }
    if (work > budget) return { found: false, broken, tooComplex: true };
    start = text.indexOf('{', next);
  }
  return { found: false, broken, tooComplex: false };
}

/** Whether the brace at `brace` is followed by a key; other braces cannot open a turn. */
function opensKey(text: string, brace: number): boolean {
  return /["'A-Za-z_$]/.test(text.charAt(skipSpace(text, brace + 1)));
}

function startsWithTurnKey(text: string, brace: number): boolean {
  let pos = skipSpace(text, brace + 1);
  if (text[pos] === '"' || text[pos] === "'") pos++;
  const head = text.slice(pos, pos + 7).toLowerCase();
  return head.startsWith('thought') || head.startsWith('action') || head.startsWith('value');
}
