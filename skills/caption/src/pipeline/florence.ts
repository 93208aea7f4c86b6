import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type {
  Florence2ForConditionalGeneration,
  Florence2Processor,
  Tensor,
} from '@huggingface/transformers';
import { MmskillsError, type PulledModel } from '@mmskills/core';
import { type DecodedImage, processorSide, shrunkForModel } from '@mmskills/image';
import { ModelSlot, type ModelStatus } from '@mmskills/skill-kit';

/** The Florence-2 tasks the skill runs (the processor turns each into its prompt sentence). */
export type FlorenceTask = '<CAPTION>' | '<DETAILED_CAPTION>' | '<MORE_DETAILED_CAPTION>' | '<OD>';

/** What one generation gave: the decoded text (special tokens kept) and whether the model ended it itself. */
export interface Generation {
  text: string;
  finished: boolean;
}

interface Loaded {
  /** transformers.js, imported with the model: a skill without one never pays for it. */
  library: typeof import('@huggingface/transformers');
  model: Florence2ForConditionalGeneration;
  processor: Florence2Processor;
}

const GRAPHS = ['vision_encoder', 'embed_tokens', 'encoder_model', 'decoder_model_merged'] as const;
// The weight formats transformers.js names by file suffix, full precision first.
const DTYPES = [
  { dtype: 'fp32', suffix: '' },
  { dtype: 'q8', suffix: '_quantized' },
] as const;

// Florence-2's own prompts and answer types for the tasks the skill runs (its processor's table).
// Some exports' preprocessor_config.json leave them out; without them transformers.js would send
// the bare task token as the prompt and not parse <OD> boxes at all.
const TASK_DEFAULTS: Record<FlorenceTask, { prompt: string; answer: string }> = {
  '<CAPTION>': { prompt: 'What does the image describe?', answer: 'pure_text' },
  '<DETAILED_CAPTION>': { prompt: 'Describe in detail what is shown in the image.', answer: 'pure_text' },
  '<MORE_DETAILED_CAPTION>': {
    prompt: 'Describe with a paragraph what is shown in the image.',
    answer: 'pure_text',
  },
  '<OD>': {
    prompt: 'Locate the objects with category name in the image.',
    answer: 'description_with_bboxes',
  },
};

/** Fills in what the folder's preprocessor config leaves out; what it has wins. */
function withTaskDefaults(processor: Florence2Processor): void {
  for (const [task, { prompt, answer }] of Object.entries(TASK_DEFAULTS)) {
    if (!processor.task_prompts_without_inputs.has(task))
      processor.task_prompts_without_inputs.set(task, prompt);
    if (!processor.tasks_answer_post_processing_type.has(task))
      processor.tasks_answer_post_processing_type.set(task, answer);
  }
}

/** Which dtype the folder holds all four graphs in, full precision preferred. */
function dtypeOf(dir: string): 'fp32' | 'q8' {
  const found = DTYPES.find(({ suffix }) =>
    GRAPHS.every((graph) => existsSync(join(dir, 'onnx', `${graph}${suffix}.onnx`))),
  );
  if (!found) {
    throw new MmskillsError(
      'model_not_found',
      `${dir} is not a Florence-2 ONNX folder: it needs onnx/{${GRAPHS.join(',')}}.onnx (or their _quantized.onnx)`,
    );
  }
  return found.dtype;
}

/**
 * Florence-2 through transformers.js (its processor's prompts and post-processing, its generation
 * loop over the four ONNX graphs), loaded once from the folder the skill resolves. Until a model
 * is there every call answers with the resolver's error, which names the pull command.
 */
export class Florence {
  private readonly slot = new ModelSlot(
    () => this.open(),
    ({ model }) => model.dispose(),
  );

  /** `resolve` finds the model folder, or throws `model_not_found` naming the pull command. */
  constructor(private readonly resolve: () => PulledModel) {}

  /** Loads once; a failed load is forgotten, so a later call tries again (the user may fix the folder). */
  private loaded(): Promise<Loaded> {
    return this.slot.get();
  }

  private async open(): Promise<Loaded> {
    const found = this.resolve();
    const dtype = dtypeOf(found.dir);
    const session_options = { intraOpNumThreads: availableParallelism(), interOpNumThreads: 1 };
    try {
      const library = await import('@huggingface/transformers');
      const [model, processor] = await Promise.all([
        library.Florence2ForConditionalGeneration.from_pretrained(found.dir, {
          local_files_only: true,
          dtype,
          session_options,
        }) as Promise<Florence2ForConditionalGeneration>,
        library.AutoProcessor.from_pretrained(found.dir, {
          local_files_only: true,
        }) as Promise<Florence2Processor>,
      ]);
      withTaskDefaults(processor);
      return { library, model, processor };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MmskillsError(
        'model_failed',
        `could not load Florence-2 (${dtype}) from ${found.dir}: ${reason}`,
        {
          cause: error,
        },
      );
    }
  }

  async load(): Promise<void> {
    await this.loaded();
  }

  /** Lets the model go (the idle unload); the next call loads it again. */
  unload(): Promise<void> {
    return this.slot.unload();
  }

  status(): ModelStatus {
    let found: PulledModel;
    try {
      found = this.resolve();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { family: 'florence2', loaded: false, missing: true, error: reason };
    }
    return {
      family: 'florence2',
      name: found.model?.name ?? 'user folder',
      source: found.source,
      path: found.dir,
      backend: 'transformers.js (onnxruntime-node, CPU)',
      loaded: this.slot.current !== undefined,
    };
  }

  /** Runs one task on one picture; greedy decoding (transformers.js has no beam search). */
  async generate(task: FlorenceTask, image: DecodedImage, maxNewTokens: number): Promise<Generation> {
    const { library, model, processor } = await this.loaded();
    const seen = await shrunkForModel(image, processorSide(processor.image_processor, 768));
    const raw = new library.RawImage(new Uint8ClampedArray(seen.data), seen.width, seen.height, 3);
    const inputs = await processor(raw, processor.construct_prompts(task));
    const output = (await model.generate({
      ...inputs,
      max_new_tokens: maxNewTokens,
      do_sample: false,
      num_beams: 1,
    })) as Tensor;
    const ids = (output.tolist() as bigint[][])[0] ?? [];
    const eos = processor.tokenizer?.eos_token_id;
    const text = processor.batch_decode(output, { skip_special_tokens: false })[0] ?? '';
    // Florence-2's generation config forces </s> at the last allowed step, so an answer that ends
    // on </s> may still have been cut: what tells is whether the loop used up every step.
    const generated = ids.length - 1;
    return { text, finished: generated < maxNewTokens && ids.at(-1) === BigInt(eos ?? -1) };
  }

  /** The processor's own post-processing of `<OD>`: labels and boxes as fractions of the image. */
  async detections(text: string): Promise<{ labels: string[]; boxes: number[][] }> {
    const { processor } = await this.loaded();
    const parsed = processor.post_process_generation(text, '<OD>', [1, 1]) as Record<string, unknown>;
    const answer = parsed['<OD>'] as { labels?: string[]; bboxes?: number[][] } | undefined;
    return { labels: answer?.labels ?? [], boxes: answer?.bboxes ?? [] };
  }

  /** The processor's `pure_text` post-processing: the text without `<s>` and `</s>`. */
  async plainText(text: string, task: FlorenceTask): Promise<string> {
    const { processor } = await this.loaded();
    const parsed = processor.post_process_generation(text, task, [1, 1]) as Record<string, unknown>;
    const answer = parsed[task];
    return typeof answer === 'string' ? answer.trim() : '';
  }
}
