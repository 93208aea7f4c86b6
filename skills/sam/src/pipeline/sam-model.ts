import { availableParallelism } from 'node:os';
import type { PreTrainedModel, Processor } from '@huggingface/transformers';
import { MmskillsError, type PulledModel, resolveSkillModel, SKILL_MODELS } from '@mmskills/core';
import { ModelSlot, type ModelStatus } from '@mmskills/skill-kit';
import { type SamDtypes, sessionDtypes } from './model-files.js';

/** A SAM-family model loaded from a folder: the model, its processor, and where it came from. */
export interface LoadedSam {
  /** transformers.js, imported with the first model: a skill that never loads one does not pay for it. */
  library: typeof import('@huggingface/transformers');
  model: PreTrainedModel;
  processor: Processor;
  /** `sam` (SAM, SlimSAM) or `sam2` (SAM 2, EdgeTAM, SAM 3 tracker), from config.json's model_type. */
  family: string;
  /** Whether the mask decoder takes boxes itself (SAM 2) rather than as two labelled corner points. */
  boxInput: boolean;
  dtypes: SamDtypes;
  dir: string;
}

/** What the skill was told to run: a catalogue name or folder (`--model` / `MMSKILLS_SAM_MODEL`), or nothing. */
export interface SamModelOptions {
  model?: string | undefined;
  /** The model cache; `MMSKILLS_MODEL_DIR` or ~/.cache/mmskills/models when absent. */
  cacheDir?: string | undefined;
}

const DEFAULT_MODEL = SKILL_MODELS.find((model) => model.skill === 'sam' && model.default)?.name;
// transformers.js runs these through Sam2Model, whose decoder takes boxes as boxes.
const SAM2_TYPES = new Set(['sam2', 'edgetam', 'sam3_tracker']);

const choiceOf = (options: SamModelOptions) => ({
  skill: 'sam',
  choice: options.model,
  flag: '--model',
  envVar: 'MMSKILLS_SAM_MODEL',
  ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
});

/**
 * The skill's one model slot. The model is looked up again on each call until found, so a model
 * pulled while the skill runs is picked up; it loads once, and a failed load is retried next call.
 */
export class SamModelSlot {
  #slot = new ModelSlot(
    () => loadSam(this.#find().dir),
    (sam) => sam.model.dispose(),
  );
  #found: PulledModel | undefined;
  #missing: string | undefined;

  constructor(private readonly options: SamModelOptions) {
    try {
      this.#find();
    } catch {
      // Missing is a state, not a crash: status() reports it and every call answers with it.
    }
  }

  #find(): PulledModel {
    try {
      this.#found ??= resolveSkillModel(choiceOf(this.options));
      this.#missing = undefined;
      return this.#found;
    } catch (error) {
      this.#missing = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  /** The loaded model; throws `model_not_found` (naming the pull command) or `model_failed`. */
  get(): Promise<LoadedSam> {
    return this.#slot.get();
  }

  /** Lets the model go (the idle unload); the next call loads it again. */
  unload(): Promise<void> {
    return this.#slot.unload();
  }

  /** For `/health`: which model, from where, whether loaded, or why it is missing. */
  status(): ModelStatus {
    const found = this.#found;
    const loaded = this.#slot.current;
    const asked = this.options.model?.trim() || DEFAULT_MODEL;
    return {
      name: found?.model?.name ?? (found ? 'user' : asked),
      family: loaded?.family ?? found?.model?.family ?? null,
      source: found?.source ?? 'missing',
      path: found?.dir ?? null,
      backend: 'transformers.js (onnxruntime-node)',
      loaded: loaded !== undefined,
      ...(loaded && { boxes: loaded.boxInput ? 'input_boxes' : 'corner points (labels 2, 3)' }),
      ...(this.#missing === undefined ? {} : { missing: this.#missing }),
    };
  }
}

async function loadSam(dir: string): Promise<LoadedSam> {
  const files = sessionDtypes(dir);
  if ('missing' in files) {
    throw new MmskillsError(
      'model_not_found',
      `${dir} is not a SAM model folder: it has no onnx/${files.missing.join('.onnx, onnx/')}.onnx (in any precision)`,
    );
  }
  try {
    const library = await import('@huggingface/transformers');
    const options = { local_files_only: true } as const;
    const [model, processor] = await Promise.all([
      library.AutoModelForMaskGeneration.from_pretrained(dir, {
        ...options,
        dtype: files.dtypes,
        device: 'cpu',
        // One operator at a time with every core inside it, as core's loadOnnxSession opens sessions.
        session_options: { intraOpNumThreads: availableParallelism(), interOpNumThreads: 1 },
      }),
      library.AutoProcessor.from_pretrained(dir, options),
    ]);
    const family = String((model.config as { model_type?: unknown }).model_type ?? 'sam');
    const decoder = (model as unknown as { sessions: Record<string, { inputNames: string[] }> }).sessions
      .prompt_encoder_mask_decoder;
    const boxInput = SAM2_TYPES.has(family) && (decoder?.inputNames.includes('input_boxes') ?? false);
    return { library, model, processor, family, boxInput, dtypes: files.dtypes, dir };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MmskillsError('model_failed', `could not load the SAM model in ${dir}: ${reason}`, {
      cause: error,
    });
  }
}
