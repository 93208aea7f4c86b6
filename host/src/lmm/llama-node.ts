// The subset of @fugood/llama.node 1.7.15 the host uses. The package publishes TypeScript sources
// as its types, which do not compile under this repo's NodeNext + verbatimModuleSyntax settings.
declare module '@fugood/llama.node' {
  export type LibVariant = 'default' | 'vulkan' | 'cuda' | 'snapdragon';

  export interface MessagePart {
    type: string;
    text?: string;
    image_url?: { url?: string };
  }

  export interface ChatMessage {
    role: string;
    content?: string | MessagePart[];
  }

  export interface BackendDeviceInfo {
    backend: string;
    type: string;
    deviceName: string;
    maxMemorySize: number;
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
    };
  }

  export interface LlamaCompletionOptions {
    messages?: ChatMessage[];
    prompt?: string;
    jinja?: boolean;
    n_predict?: number;
    temperature?: number;
    seed?: number;
    json_schema?: string;
    response_format?: {
      type: 'text' | 'json_object' | 'json_schema';
      json_schema?: { strict?: boolean; schema: object };
    };
    media_paths?: string | string[];
  }

  export interface LlamaContext {
    getUsedDevices(): string[];
    getModelInfo(): Record<string, unknown>;
    completion(
      options: LlamaCompletionOptions,
      callback?: (token: { token: string }) => void,
    ): Promise<LlamaCompletionResult>;
    stopCompletion(): void;
    tokenize(text: string, media_paths?: string[]): Promise<{ tokens: Int32Array | number[] }>;
    initMultimodal(options: { path: string; use_gpu?: boolean }): boolean;
    release(): Promise<void>;
  }

  export function loadModel(options: {
    model: string;
    n_ctx?: number;
    n_threads?: number;
    n_gpu_layers?: number;
    n_batch?: number;
    lib_variant?: LibVariant;
  }): Promise<LlamaContext>;
  export function toggleNativeLog(enable: boolean): Promise<void>;
  export function getBackendDevicesInfo(variant?: LibVariant): Promise<BackendDeviceInfo[]>;
}
