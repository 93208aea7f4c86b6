// The token type llama.cpp gives the control tokens of a vocabulary (`LLAMA_TOKEN_TYPE_CONTROL`).
const CONTROL = 3;
// Put inside a control token's text, it makes the tokenizer read ordinary text; it is invisible.
const WORD_JOINER = '\u2060';

/**
 * Turns the text of a model's control tokens (`<|im_start|>`, `<|eot_id|>`, `</s>` …) written in
 * message content into ordinary text. llama.cpp tokenizes the whole rendered chat with special
 * tokens parsed, so a tool output or a question holding `<|im_end|><|im_start|>system` would
 * otherwise open a real system turn in the model's prompt. Only the chat template writes them.
 */
export interface ControlTokenGuard {
  neutralise(text: string): string;
}

/** A guard for the control tokens of a GGUF vocabulary (`tokenizer.ggml.tokens` / `token_type`). */
export function vocabularyGuard(tokens: readonly string[], types: readonly number[]): ControlTokenGuard {
  const control = tokens.filter((token, index) => types[index] === CONTROL && token.length > 1);
  return patternGuard(control.map(escapeRegExp));
}

/**
 * A guard for a model the host cannot see (an OpenAI-compatible server): the `<|…|>` family
 * (ChatML, Llama 3, Phi, Qwen, DeepSeek's full-width `<｜…｜>`) and Gemma's turn markers.
 */
export function genericGuard(): ControlTokenGuard {
  return patternGuard(['<[|｜][^\\s<>]{0,64}?[|｜]>', '<(?:start|end)_of_turn>']);
}

function patternGuard(alternatives: readonly string[]): ControlTokenGuard {
  if (alternatives.length === 0) return { neutralise: (text) => text };
  // Longest first, so a token that extends another is matched whole.
  const pattern = new RegExp([...alternatives].sort((a, b) => b.length - a.length).join('|'), 'g');
  return {
    neutralise: (text) =>
      text.replace(pattern, (token) => `${token.slice(0, 1)}${WORD_JOINER}${token.slice(1)}`),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
