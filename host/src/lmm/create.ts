import { availableParallelism } from 'node:os';
import type { LmmBackend } from './backend.js';
import { createOpenAiBackend } from './openai.js';
import { createScriptedBackend, loadScript } from './scripted.js';
import type { LmmSpec } from './spec.js';

/** Builds the backend a spec names; the llama engine is imported only when used. */
export async function createBackend(
  spec: LmmSpec,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LmmBackend> {
  switch (spec.kind) {
    case 'scripted':
      return createScriptedBackend(await loadScript(spec.path));
    case 'openai':
      return createOpenAiBackend({
        baseUrl: spec.baseUrl,
        model: spec.model,
        apiKey: spec.keyEnv ? env[spec.keyEnv] : undefined,
        timeoutMs: spec.timeout === undefined ? undefined : spec.timeout * 1000,
      });
    case 'llama': {
      const { createLlamaBackend } = await import('./llama.js');
      return createLlamaBackend({ ...spec, threads: spec.threads ?? availableParallelism() });
    }
  }
}
