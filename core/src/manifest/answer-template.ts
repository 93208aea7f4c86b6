import { MmskillsError, MmskillsErrorCode } from '../errors.js';

/** One step of a placeholder path: a property, `[]` (every element) or `[n]` (one element). */
type Step = { key: string } | { each: true } | { index: number };

interface Placeholder {
  steps: Step[];
  fallback?: string;
}

type Piece = string | Placeholder;

const PLACEHOLDER = /\{([^{}]*)\}/g;
const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d*\])*)$/;

function parsePath(source: string, template: string): Placeholder {
  const bar = source.indexOf('|');
  const path = (bar < 0 ? source : source.slice(0, bar)).trim();
  const fallback = bar < 0 ? undefined : source.slice(bar + 1);
  const steps: Step[] = [];
  for (const segment of path.split('.')) {
    const match = SEGMENT.exec(segment);
    if (!match) {
      throw new MmskillsError(
        MmskillsErrorCode.InvalidArgument,
        `answer template "${template}": "{${source}}" is not a path like {objects.length} or {objects[].label}`,
      );
    }
    steps.push({ key: match[1] as string });
    for (const bracket of (match[2] ?? '').match(/\[\d*\]/g) ?? []) {
      steps.push(bracket === '[]' ? { each: true } : { index: Number(bracket.slice(1, -1)) });
    }
  }
  return fallback === undefined ? { steps } : { steps, fallback };
}

/**
 * Parses an answer template: text with `{path}` placeholders into a tool's structured output.
 * @throws {MmskillsError} `invalid_argument` for a stray brace or a malformed path.
 */
export function parseAnswerTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    pieces.push(template.slice(last, match.index), parsePath(match[1] as string, template));
    last = match.index + match[0].length;
  }
  pieces.push(template.slice(last));
  if (pieces.some((piece) => typeof piece === 'string' && /[{}]/.test(piece))) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `answer template "${template}" has an unmatched "{" or "}"`,
    );
  }
  return pieces.filter((piece) => piece !== '');
}

function walk(values: unknown[], step: Step, spread: boolean): { values: unknown[]; spread: boolean } {
  if ('each' in step) {
    return { values: values.flatMap((value) => (Array.isArray(value) ? value : [])), spread: true };
  }
  const next = values.map((value) => {
    if ('index' in step) return Array.isArray(value) ? value[step.index] : undefined;
    if (step.key === 'length' && (Array.isArray(value) || typeof value === 'string')) return value.length;
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)[step.key]
      : undefined;
  });
  return { values: next, spread };
}

function show(value: unknown, nested = false): string {
  if (Array.isArray(value)) {
    const inner = value.map((item) => show(item, true)).join(', ');
    // A list of numbers is one value (a box, a point): bracketed so that lists of boxes stay readable.
    return nested || (value.length > 0 && value.every((item) => typeof item === 'number'))
      ? `[${inner}]`
      : inner;
  }
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Fills an answer template from a tool's structured output. `{a.b}` reads a property, `{a.length}`
 * counts, `{a[].b}` lists `b` of every element of `a` (joined by ", "), `{a[0].b}` picks one; lists of
 * numbers (boxes) are written in brackets;
 * `{path|text}` writes `text` when the value is missing or empty.
 * @see ../../README.md "Tool examples"
 */
export function fillAnswerTemplate(template: string, output: unknown): string {
  return parseAnswerTemplate(template)
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      let state = { values: [output], spread: false };
      for (const step of piece.steps) state = walk(state.values, step, state.spread);
      const value = state.spread ? state.values.filter((item) => item !== undefined) : state.values[0];
      return isEmpty(value) ? (piece.fallback ?? '') : show(value);
    })
    .join('');
}
