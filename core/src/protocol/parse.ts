import { findTurnObject } from './find-turn-object.js';
import { firstMarkerIndex, parseMarkedTurn } from './marked-turn.js';
import { fieldsFromObject } from './normalize-turn.js';
import { type Turn, TurnSchema } from './turn.js';
import { TurnParseError } from './turn-parse-error.js';

/**
 * Reads an assistant turn from what a model wrote, tolerantly and without ever evaluating it.
 *
 * Accepts the marker form of {@link renderTurn} (quotes around the markers optional, prose before,
 * any part missing) and a JSON object `{thoughts, actions, value}` anywhere in the text (in a code
 * fence or prose; single quotes, unquoted keys and trailing commas allowed). Missing parts become
 * `''` / `[]`; `API_params` written as a JSON string is read. A canonical render reads back exactly
 * as long as its thoughts do not contain `actions🚀`.
 *
 * @throws {TurnParseError} for anything it cannot read; it throws nothing else.
 * @see ARCHITECTURE.md "The unified format"
 */
export function parseTurn(text: string): Turn {
  if (typeof text !== 'string') throw new TurnParseError('a turn must be text', typeof text);
  const firstMarker = firstMarkerIndex(text);
  // JSON that starts before any marker wins, so `{"thoughts🤔": …}` reads as an object.
  const search = findTurnObject(text, firstMarker < 0 ? text.length : firstMarker);
  let fields: unknown;
  if (search.found) {
    fields = fieldsFromObject(search.object, text.slice(search.start, search.start + 400));
  } else if (firstMarker >= 0) {
    fields = parseMarkedTurn(text, firstMarker);
  } else if (search.tooComplex) {
    throw new TurnParseError('no turn found: gave up searching text with this many nested objects', text);
  } else if (search.broken) {
    const { problem, start, at } = search.broken;
    throw new TurnParseError(
      `the turn JSON is not readable: ${problem} at offset ${at - start}`,
      text.slice(Math.max(start, at - 100)),
    );
  } else {
    throw new TurnParseError(
      // Worded for both forms without writing either: the host quotes it back to the model, which
      // must be asked again in the one form it was taught.
      'no turn found: expected a JSON object with thoughts, actions and value, or the three marked parts',
      text,
    );
  }
  const checked = TurnSchema.safeParse(fields);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw new TurnParseError(
      `invalid turn${path ? ` at ${path}` : ''}: ${issue?.message ?? 'unknown problem'}`,
      text,
    );
  }
  return checked.data;
}
