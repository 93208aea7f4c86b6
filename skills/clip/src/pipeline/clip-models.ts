import { availableParallelism } from 'node:os';
import type { PreTrainedModel, PreTrainedTokenizer, Processor } from '@huggingface/transformers';
import { SKILL_MODELS } from '@mmskills/core';
import { ModelSlot, type ModelStatus } from '@mmskills/skill-kit';
import { findModelFolder, type ModelFolder } from './model-folder.js';

/** The pieces one call needs: the folder facts, tokenizer, image processor and the graph it runs. */
export interface Loaded {
  /** transformers.js, imported with the first model: a skill without one never pays for it. */
  library: Transformers;
  folder: ModelFolder;
  tokenizer: PreTrainedTokenizer;
  processor: Processor;
  model: PreTrainedModel;
}

type Transformers = typeof import('@huggingface/transformers');
type Part = 'joint' | 'text' | 'vision';

const classes = (library: Transformers) =>
  ({
    clip: {
      joint: library.CLIPModel,
      text: library.CLIPTextModelWithProjection,
      vision: library.CLIPVisionModelWithProjection,
    },
    siglip: { joint: library.SiglipModel, text: library.SiglipTextModel, vision: library.SiglipVisionModel },
  }) as const;

/**
 * Loads the joint model (for classify_image) and the two towers (for search_images) once each, on
 * first use, from the folder `findModelFolder` picks. A missing model is looked for again on each
 * call, so `mmskills model pull` while the skill runs is enough.
 */
export class ClipModels {
  readonly #choice: string | undefined;
  readonly #env: NodeJS.ProcessEnv;
  readonly #parts = new Map<Part, ModelSlot<Loaded>>();
  #shared: Promise<Omit<Loaded, 'model'>> | undefined;
  #folder: ModelFolder | undefined;
  /** Pictures embedded into folder indexes since start (not queries), for /health and the index tests. */
  imagesEmbedded = 0;

  constructor(choice: string | undefined, env: NodeJS.ProcessEnv) {
    this.#choice = choice?.trim() || undefined;
    this.#env = env;
  }

  /** The folder in use (found once, then fixed for the process). */
  folder(): ModelFolder {
    this.#folder ??= findModelFolder(this.#choice, this.#env);
    return this.#folder;
  }

  load(part: Part): Promise<Loaded> {
    let slot = this.#parts.get(part);
    if (!slot) {
      slot = new ModelSlot(
        () => this.#load(part),
        ({ model }) => model.dispose(),
      );
      this.#parts.set(part, slot);
    }
    return slot.get();
  }

  /** Lets every loaded model go, with the tokenizer and processor (the idle unload). */
  async unload(): Promise<void> {
    this.#shared = undefined;
    await Promise.all([...this.#parts.values()].map((slot) => slot.unload()));
  }

  status(): ModelStatus {
    let folder: ModelFolder;
    try {
      folder = this.folder();
    } catch (error) {
      return {
        name: this.#choice ?? SKILL_MODELS.find((model) => model.skill === 'clip' && model.default)?.name,
        source: 'missing',
        loaded: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    return {
      name: folder.name,
      family: folder.family,
      source: folder.source,
      path: folder.dir,
      dtype: folder.dtype,
      backend: 'onnxruntime-node (transformers.js)',
      loaded: [...this.#parts.values()].some((slot) => slot.current !== undefined),
      index_embeddings: this.imagesEmbedded,
    };
  }

  async #load(part: Part): Promise<Loaded> {
    const folder = this.folder();
    this.#shared ??= (async () => {
      const library = await import('@huggingface/transformers');
      // The skill never downloads: weights come from `mmskills model pull` or the user's folder.
      library.env.allowRemoteModels = false;
      return {
        library,
        folder,
        tokenizer: await library.AutoTokenizer.from_pretrained(folder.dir, { local_files_only: true }),
        processor: await library.AutoProcessor.from_pretrained(folder.dir, { local_files_only: true }),
      };
    })().catch((error: unknown) => {
      this.#shared = undefined;
      throw error;
    });
    const shared = await this.#shared;
    const model = await classes(shared.library)[folder.family][part].from_pretrained(folder.dir, {
      local_files_only: true,
      dtype: folder.dtype,
      device: 'cpu',
      // One call runs at a time (concurrency 1), so it may use every core.
      session_options: { intraOpNumThreads: availableParallelism(), interOpNumThreads: 1 },
    });
    return { ...shared, model };
  }
}
