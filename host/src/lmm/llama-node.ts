// The subset of @fugood/llama.node 1.7.15 the host uses. The package publishes TypeScript sources
// as its types, which do not compile under this repo's NodeNext + verbatimModuleSyntax settings,
// so it is imported untyped (see `loadLlamaNode`) and described here.

export interface LlamaMessagePart {
  type: string;
  text?: string;
  image_url?: { url?: string };
}

export interface LlamaChatMessage {
  role: string;
  content?: string | LlamaMessagePart[];
}

export interface LlamaCompletionResult {
  text: string;
  content?: string;
  /** Prompt tokens (cached or evaluated) plus generated tokens. */
  tokens_evaluated: number;
  tokens_predicted: number;
  interrupted: boolean;
  context_full: boolean;
  /** The model ended its reply (an end-of-sequence token; a grammar that is complete forces one). */
  stopped_eos: boolean;
  stopped_words: boolean;
  timings: {
    /** Prompt tokens evaluated by this call; the rest of the prompt came from the KV cache. */
    prompt_n: number;
    prompt_ms: number;
    prompt_per_second: number;
    predicted_n: number;
    predicted_ms: number;
    predicted_per_second: number;
  };
}

export interface LlamaCompletionOptions {
  messages: LlamaChatMessage[];
  jinja?: boolean;
  n_predict?: number;
  temperature?: number;
  /** Sampling seed; without it llama.cpp seeds each call at random. */
  seed?: number;
  response_format?: { type: 'json_schema'; json_schema: { strict?: boolean; schema: object } };
}

export interface LlamaContext {
  getUsedDevices(): string[];
  initMultimodal(options: { path: string; use_gpu?: boolean }): boolean;
  release(): Promise<void>;
  /**
   * One completion at a time per context: it keeps the KV cache of the previous prompt and
   * evaluates only what differs. A second call while one runs throws "Another completion is in
   * progress"; a call that fails inside llama.cpp leaves that flag set for good (1.7.15).
   */
  completion(
    options: LlamaCompletionOptions,
    onToken?: (token: { token: string }) => void,
  ): Promise<LlamaCompletionResult>;
  /**
   * Stops whichever completion is running, not a chosen one. After a call that left the busy
   * flag set (see `completion`), it writes into that call's freed worker.
   */
  stopCompletion(): void;
}

export interface LlamaNode {
  loadModel(options: {
    model: string;
    n_ctx?: number;
    n_threads?: number;
    n_gpu_layers?: number;
    lib_variant?: 'default' | 'vulkan';
  }): Promise<LlamaContext>;
  getBackendDevicesInfo(
    variant?: 'default' | 'vulkan',
  ): Promise<Array<{ backend: string; type: string; deviceName: string }>>;
}

const PACKAGE: string = '@fugood/llama.node';

/** Imports llama.node at run time only: skills-only hosts never load the engine. */
export async function loadLlamaNode(): Promise<LlamaNode> {
  return (await import(PACKAGE)) as LlamaNode;
}
