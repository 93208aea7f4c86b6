import { MmskillsError, MmskillsErrorCode } from '../errors.js';
import { type Turn, TurnMarker } from './turn.js';

/**
 * How a turn is written: `markers` is LLaVA-Plus's token stream, for models that write free text;
 * `json` is the object `{thoughts, actions, value}`, for backends constrained to a JSON Schema.
 * The host teaches, enforces and replays one of them per backend, never a mix.
 */
export type TurnFormat = 'markers' | 'json';

/**
 * Renders a turn. In the marker form, one line per part:
 * `"thoughts🤔" <thoughts>`, `"actions🚀" <compact JSON array>`, `"value👉" <value>`;
 * in the JSON form, one compact object with the keys in that order (as `turnJsonSchema` lists them).
 * Text is written as is; {@link parseTurn} reads either back exactly (a marker form only as long as
 * `thoughts` holds no marker).
 * @see ARCHITECTURE.md "The unified format"
 */
export function renderTurn(turn: Turn, format: TurnFormat = 'markers'): string {
  const actions = turn.actions.map((action) => ({
    API_name: action.API_name,
    API_params: action.API_params ?? {},
  }));
  let json: string;
  try {
    if (format === 'json') return JSON.stringify({ thoughts: turn.thoughts, actions, value: turn.value });
    json = JSON.stringify(actions);
  } catch (cause) {
    throw new MmskillsError(MmskillsErrorCode.InvalidTurn, 'turn actions cannot be written as JSON', {
      cause,
    });
  }
  return [
    `"${TurnMarker.thoughts}" ${turn.thoughts}`,
    `"${TurnMarker.actions}" ${json}`,
    `"${TurnMarker.value}" ${turn.value}`,
  ].join('\n');
}
