import { MmskillsError, MmskillsErrorCode } from '../errors.js';
import { type Turn, TurnMarker } from './turn.js';

/**
 * Renders a turn into the LLaVA-Plus token stream, one line per part:
 * `"thoughts🤔" <thoughts>`, `"actions🚀" <compact JSON array>`, `"value👉" <value>`.
 * Text is written as is; {@link parseTurn} reads it back exactly unless `thoughts` holds a marker.
 * @see ARCHITECTURE.md "The unified format"
 */
export function renderTurn(turn: Turn): string {
  const actions = turn.actions.map((action) => ({
    API_name: action.API_name,
    API_params: action.API_params ?? {},
  }));
  let json: string;
  try {
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
