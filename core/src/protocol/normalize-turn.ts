import { readLooseJson } from './loose-json.js';
import { type Action, ApiNamePattern } from './turn.js';
import { TurnParseError } from './turn-parse-error.js';

type Loose = Record<string, unknown>;

/**
 * Whether a parsed JSON value looks like a turn: an object with a thoughts, actions or value key
 * (any case, emoji and singular forms allowed, as in `"thoughts🤔"` or `"Action"`).
 */
export function isTurnLike(value: unknown): value is Loose {
  return isObject(value) && Object.keys(value).some((key) => TURN_KEYS.has(normalizeKey(key)));
}

/** Builds a turn's fields from a turn-like object; `excerpt` is quoted in errors. */
export function fieldsFromObject(object: Loose, excerpt: string): unknown {
  return {
    thoughts: asText(field(object, ['thoughts', 'thought'])),
    actions: normalizeActions(field(object, ['actions', 'action']), excerpt),
    value: asText(field(object, ['value'])),
  };
}

/**
 * Turns what a model wrote for `actions` into actions: a list, one action object, null, or the same
 * as a JSON string. `API_params` given as a JSON string is read too.
 */
export function normalizeActions(raw: unknown, excerpt: string): Action[] {
  const list = typeof raw === 'string' ? decodeJsonText(raw, 'actions', excerpt) : raw;
  if (list === undefined || list === null) return [];
  if (isObject(list)) return [normalizeAction(list, 0, excerpt)];
  if (!Array.isArray(list)) {
    throw new TurnParseError('actions must be a list of {API_name, API_params} objects', excerpt);
  }
  return list.map((item, index) => normalizeAction(item, index, excerpt));
}

const TURN_KEYS = new Set(['thoughts', 'thought', 'actions', 'action', 'value']);

function normalizeAction(item: unknown, index: number, excerpt: string): Action {
  const where = `actions[${index}]`;
  if (!isObject(item))
    throw new TurnParseError(`${where} must be an object with API_name and API_params`, excerpt);
  const name = field(item, ['api_name', 'apiname', 'name']);
  const trimmed = typeof name === 'string' ? name.trim() : undefined;
  if (trimmed === undefined || !ApiNamePattern.test(trimmed)) {
    const got = name === undefined ? 'it is missing' : `got ${JSON.stringify(name)?.slice(0, 80)}`;
    throw new TurnParseError(`${where}.API_name must be 1–64 characters of A-Z a-z 0-9 _ -; ${got}`, excerpt);
  }
  const rawParams = field(item, ['api_params', 'apiparams', 'params', 'arguments']);
  const params =
    typeof rawParams === 'string' ? decodeJsonText(rawParams, `${where}.API_params`, excerpt) : rawParams;
  if (params === undefined || params === null) return { API_name: trimmed, API_params: {} };
  if (!isObject(params)) throw new TurnParseError(`${where}.API_params must be a JSON object`, excerpt);
  return { API_name: trimmed, API_params: params };
}

/** Reads JSON that a model wrapped in a string; one level only, so nesting cannot recurse. */
function decodeJsonText(text: string, what: string, excerpt: string): unknown {
  const start = text.search(/\S/);
  if (start < 0) return undefined;
  const result = readLooseJson(text, start);
  if (!result.ok)
    throw new TurnParseError(`${what} is a string that is not readable JSON: ${result.problem}`, excerpt);
  return result.value;
}

function field(object: Loose, names: readonly string[]): unknown {
  for (const key of Object.keys(object)) {
    if (names.includes(normalizeKey(key))) return object[key];
  }
  return undefined;
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z_]/g, '');
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
