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
  tokens_predicted: number;
  tokens_evaluated: number;
  interrupted: boolean;
  timings: {
    prompt_n: number;
    prompt_ms: number;
    prompt_per_second: number;
    predicted_n: number;
    predicted_ms: number;
    predicted_per_second: number;
    /** Prompt tokens served from the slot's KV cache (absent in older builds). */
    cache_n?: number;
  };
}

export interface LlamaCompletionOptions {
  messages: LlamaChatMessage[];
  jinja?: boolean;
  n_predict?: number;
  temperature?: number;
  response_format?: { type: 'json_schema'; json_schema: { strict?: boolean; schema: object } };
}

export interface LlamaContext {
  getUsedDevices(): string[];
  initMultimodal(options: { path: string; use_gpu?: boolean }): boolean;
  release(): Promise<void>;
  /** The slot API: unlike `completion()`, it has no busy-flag race between back-to-back calls. */
  parallel: {
    enable(config: { n_parallel: number }): Promise<boolean>;
    completion(
      options: LlamaCompletionOptions,
      onToken?: (requestId: number, token: { token: string }) => void,
    ): Promise<{ promise: Promise<LlamaCompletionResult>; stop: () => void }>;
  };
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
