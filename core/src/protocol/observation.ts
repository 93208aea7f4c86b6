import { MmskillsError, MmskillsErrorCode } from '../errors.js';

/** One tool's result, as the host feeds it back to the model. */
export interface ObservationResult {
  API_name: string;
  output: unknown;
}

/**
 * Builds the user turn that carries tool results back to the model, exactly as LLaVA-Plus does:
 * `<API_name> model outputs: <JSON>` per result (joined by a blank line), then
 * `\n\nPlease summarize the model outputs and answer my first question: <question>`.
 * An `undefined` output is written as `null`.
 * @throws {MmskillsError} `invalid_argument` when there is no result or an output is not JSON.
 * @see ARCHITECTURE.md "The unified format"
 */
export function buildObservation(input: { results: readonly ObservationResult[]; question: string }): string {
  if (input.results.length === 0) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      'an observation needs at least one tool result',
    );
  }
  const outputs = input.results.map(
    (result) => `${result.API_name} model outputs: ${outputJson(result.API_name, result.output)}`,
  );
  return `${outputs.join('\n\n')}\n\nPlease summarize the model outputs and answer my first question: ${input.question}`;
}

function outputJson(name: string, output: unknown): string {
  try {
    return JSON.stringify(output) ?? 'null';
  } catch (cause) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `the output of ${name} cannot be written as JSON (a cycle or a bigint?)`,
      { cause },
    );
  }
}
