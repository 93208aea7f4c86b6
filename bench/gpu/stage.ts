import { parseTurn } from '@mmskills/core';
import type { ChatRequest } from '../../host/src/lmm/backend.js';
import { createLlamaBackend, type LlamaBackend } from '../../host/src/lmm/llama.js';
import { directCompletion } from './direct-completion.js';
import { stageSteps } from './steps.js';

/** One model loaded once through the host's backend, and the calls to time on it. */
export interface StageSpec {
  label: string;
  model: string;
  mmproj?: string;
  gpu: 'vulkan' | 'cpu';
  ctx: number;
  threads: number;
  /** Tools in the system prompt of the timed turns (cold, then other questions with the prefix cached). */
  toolCount: number;
  /** Length of the decode calls; 0 leaves them out. */
  decodeTokens: number;
  /** A PNG file for the warm-up and the image turns (needs `mmproj`). */
  png?: string;
  imageTokens?: number;
  /** Epoch ms: a step whose estimate ends later is skipped. */
  deadline: number;
  /** Only the warm-up, decode and small-prompt steps (the CPU stage: a tool list takes it minutes). */
  smallOnly?: boolean;
  /** Prompt tokens per second measured earlier on this model and device, for the first estimates. */
  expectedPromptTokensPerSecond?: number;
}

/** One timed `backend.chat` call, from the backend's own usage and timings. */
export interface CallRecord {
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  firstTokenMs: number;
  totalMs: number;
  promptTokensPerSecond?: number;
  decodeTokensPerSecond?: number;
  /** With the turn schema: the start of the output, and whether parseTurn reads it. */
  textHead?: string;
  parsed?: boolean;
}

export type StepOutcome = CallRecord | { skipped: string } | { error: string };

export interface StageResult {
  label: string;
  /** Tools in the system prompt of the timed turns. */
  tools: number;
  gpu: StageSpec['gpu'];
  ctx: number;
  threads: number;
  loadMs?: number;
  /** The device the backend reports (`getUsedDevices()`), never assumed. */
  device?: string;
  vision?: boolean;
  systemInfo?: string;
  steps: Record<string, StepOutcome>;
  error?: string;
}

/** Loads the model with the host's `createLlamaBackend`, runs the steps in order within the deadline, and releases it. */
export async function runStage(
  spec: StageSpec,
  progress: (result: StageResult) => void,
): Promise<StageResult> {
  const result: StageResult = {
    label: spec.label,
    tools: spec.toolCount,
    gpu: spec.gpu,
    ctx: spec.ctx,
    threads: spec.threads,
    steps: {},
  };
  const started = performance.now();
  let backend: LlamaBackend;
  try {
    backend = await createLlamaBackend({
      model: spec.model,
      ...(spec.mmproj && spec.png ? { mmproj: spec.mmproj } : {}),
      gpu: spec.gpu,
      ctx: spec.ctx,
      threads: spec.threads,
    });
  } catch (error) {
    result.error = String((error as Error).message ?? error).slice(0, 500);
    progress(result);
    return result;
  }
  result.loadMs = Math.round(performance.now() - started);
  result.device = backend.info().device;
  result.vision = backend.info().vision;
  // Not part of the backend's API: llama.cpp's build flags (which CPU instructions it uses), for the report only.
  const context = (backend as unknown as { context?: { getSystemInfo?: () => string } }).context;
  result.systemInfo = context?.getSystemInfo?.();
  progress(result);
  const rates = spec.gpu === 'cpu' ? { prompt: 40, decode: 5 } : { prompt: 500, decode: 30 };
  rates.prompt = spec.expectedPromptTokensPerSecond ?? rates.prompt;
  for (const step of stageSteps(spec)) {
    const estimateMs =
      1000 *
        ((step.promptTokens / rates.prompt) * (1 + step.promptTokens / 16_000) +
          step.maxTokens / rates.decode) +
      1000;
    if (step.when && !step.when(result.steps)) continue;
    const needed = step.needs ? result.steps[step.needs] : undefined;
    if (step.needs && !(needed && 'totalMs' in needed)) {
      result.steps[step.name] = { skipped: `needs ${step.needs}` };
      progress(result);
      continue;
    }
    if (Date.now() + estimateMs > spec.deadline) {
      result.steps[step.name] = {
        skipped: `estimated ${Math.round(estimateMs / 1000)} s, over the time budget`,
      };
      progress(result);
      continue;
    }
    try {
      const record = step.direct
        ? await directCompletion(backend, step.request)
        : await timedCall(backend, step.request);
      result.steps[step.name] = record;
      // The warm-up's prompt time includes compiling shaders: no guide to the prompt rate.
      const evaluated = record.promptTokens - record.cachedTokens;
      if (step.name !== 'warmup' && evaluated >= 64 && record.promptTokensPerSecond)
        rates.prompt = record.promptTokensPerSecond;
      if (record.completionTokens >= 8 && record.decodeTokensPerSecond)
        rates.decode = record.decodeTokensPerSecond;
    } catch (error) {
      result.steps[step.name] = { error: String((error as Error).message ?? error).slice(0, 500) };
    }
    progress(result);
  }
  await backend.close().catch(() => {});
  return result;
}

async function timedCall(backend: LlamaBackend, request: ChatRequest): Promise<CallRecord> {
  const answer = await backend.chat(request);
  const record: CallRecord = {
    promptTokens: answer.usage.promptTokens,
    cachedTokens: answer.usage.cachedTokens ?? 0,
    completionTokens: answer.usage.completionTokens,
    firstTokenMs: Math.round(answer.timings.firstTokenMs),
    totalMs: Math.round(answer.timings.totalMs),
    ...(answer.timings.promptTokensPerSecond !== undefined && {
      promptTokensPerSecond: Math.round(answer.timings.promptTokensPerSecond),
    }),
    ...(answer.timings.decodeTokensPerSecond !== undefined && {
      decodeTokensPerSecond: Math.round(answer.timings.decodeTokensPerSecond * 10) / 10,
    }),
  };
  if (request.jsonSchema) {
    record.textHead = answer.text.slice(0, 60);
    try {
      parseTurn(answer.text);
      record.parsed = true;
    } catch {
      record.parsed = false;
    }
  }
  return record;
}
